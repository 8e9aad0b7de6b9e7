package org.huzhu.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.huzhu.api.InvalidInputException;
import org.huzhu.api.RulesetException;
import org.huzhu.api.RulesetRefusedException;

/**
 * The files of one ruleset version, read into memory from a folder or from the classpath: {@code ruleset.yaml},
 * {@code parameters.yaml}, {@code rules/*.drl} and {@code cases/*.yaml}, by path relative to the version folder.
 *
 * @param origin where it was read from (a folder path or a classpath location)
 * @param folder the folder on disk, or null for a classpath ruleset
 * @param files  file contents by relative path, sorted
 */
public record RulesetSource(String origin, Path folder, Map<String, String> files) {
    /** Where bundled rulesets live on the classpath. */
    public static final String CLASSPATH_ROOT = "huzhu-rulesets";
    static final String METADATA = "ruleset.yaml";
    static final String PARAMETERS = "parameters.yaml";

    /** The DRL files, by relative path. */
    public Map<String, String> drl() {
        return filtered("rules/", ".drl");
    }

    /** The case files, by relative path. */
    public Map<String, String> cases() {
        return filtered("cases/", ".yaml");
    }

    private Map<String, String> filtered(String prefix, String suffix) {
        Map<String, String> out = new TreeMap<>();
        files.forEach((k, v) -> {
            if (k.startsWith(prefix) && k.endsWith(suffix)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** {@code scheme@version} as its metadata names it. */
    public String rulesetId() {
        String where = origin + "/" + METADATA;
        String meta = files.get(METADATA);
        if (meta == null) {
            throw new RulesetException(origin, "has no " + METADATA);
        }
        com.fasterxml.jackson.databind.JsonNode n = Yaml.tree(meta, where);
        return n.path("scheme").asText() + "@" + n.path("version").asText();
    }

    /**
     * {@code scheme@version} as the folder's {@code ruleset.yaml} declares it, reading only that file (with the
     * same link and size checks as {@link #readFolder}): how a case file in the folder names its default ruleset.
     */
    public static String declaredId(Path folder) {
        String origin = folder.toString();
        Path meta = folder.resolve(METADATA);
        String where = origin + "/" + METADATA;
        try {
            checkContained(origin, folder, folder.toRealPath(), meta);
            checkSize(where, METADATA, Files.size(meta));
            String text = decode(Files.readAllBytes(meta), where);
            return new RulesetSource(origin, folder, Map.of(METADATA, text)).rulesetId();
        } catch (IOException e) {
            throw new RulesetException(where, "cannot be read: " + e.getMessage());
        }
    }

    /** SHA-256 over the metadata, parameters and DRL (not the cases): what decides the outcomes. */
    public String contentHash() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            files.forEach((path, text) -> {
                if (path.equals(METADATA) || path.equals(PARAMETERS) || path.startsWith("rules/")) {
                    sha.update(path.getBytes(StandardCharsets.UTF_8));
                    sha.update((byte) 0);
                    sha.update(text.getBytes(StandardCharsets.UTF_8));
                    sha.update((byte) 0);
                }
            });
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every ruleset version folder (one holding ruleset.yaml) under {@code root}, or {@code root} itself, read and
     * checked against {@link LoadingLimits}. The first folder that cannot be used ends the call.
     *
     * @throws RulesetException naming the file (and line) of the first folder that cannot be used
     */
    public static List<RulesetSource> fromFolder(Path root) {
        return fromFolder(root, e -> {
            throw e;
        });
    }

    /**
     * Like {@link #fromFolder(Path)}, but a version folder that cannot be used is reported to {@code onError} and
     * skipped, so that one bad folder does not hide the others.
     */
    public static List<RulesetSource> fromFolder(Path root, Consumer<RulesetException> onError) {
        List<RulesetSource> out = new ArrayList<>();
        for (Path folder : versionFolders(root)) {
            try {
                out.add(readFolder(folder));
            } catch (RulesetException e) {
                onError.accept(e);
            }
        }
        return out;
    }

    /**
     * The ruleset version folders under {@code root} (or {@code root} itself), sorted, as the paths that name them
     * in errors ({@link #origin()}). Folders named {@code target} or {@code src} are build output, not rulesets.
     * Symbolic links under {@code root} are not followed here: a linked version folder is not found.
     */
    public static List<Path> versionFolders(Path root) {
        if (!Files.isDirectory(root)) {
            throw new InvalidInputException(root.toString(), "is not a folder");
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.getFileName() != null && p.getFileName().toString().equals(METADATA))
                    .filter(p -> !root.relativize(p).toString().replace('\\', '/').matches("(.*/)?(target|src)/.*"))
                    .map(Path::getParent).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidInputException(root.toString(), "cannot be read: " + e.getMessage());
        }
    }

    /**
     * Reads one version folder. A symbolic link is followed only when its real target lies inside this folder;
     * one that leads outside, dangles or loops refuses the whole ruleset, naming the link, before any file is read
     * (so nothing outside the folder is ever parsed or echoed in an error). Sizes are checked before reading.
     */
    static RulesetSource readFolder(Path folder) {
        String origin = folder.toString();
        Path real;
        try {
            real = folder.toRealPath();
        } catch (IOException e) {
            throw new RulesetException(origin, "cannot be read: " + e.getMessage());
        }
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(folder, 2, FileVisitOption.FOLLOW_LINKS)) {
            entries = new ArrayList<>();
            // In walk order (a folder before its files), so that a linked folder is refused as itself.
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (!p.equals(folder)) {
                    checkContained(origin, folder, real, p);
                    entries.add(p);
                }
            }
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof FileSystemLoopException loop) {
                throw new RulesetRefusedException(origin + "/" + rel(folder, Path.of(loop.getFile())),
                        "symbolic link loop");
            }
            throw new RulesetException(origin, "cannot be read: " + e.getCause().getMessage());
        } catch (IOException e) {
            throw new RulesetException(origin, "cannot be read: " + e.getMessage());
        }
        Map<String, String> files = new TreeMap<>();
        for (Path p : entries) {
            String rel = rel(folder, p);
            if (wanted(rel) && Files.isRegularFile(p)) {
                String where = origin + "/" + rel;
                try {
                    long size = Files.size(p);
                    checkSize(where, rel, size);
                    files.put(rel, decode(Files.readAllBytes(p), where));
                } catch (IOException e) {
                    throw new RulesetException(where, "cannot be read: " + e.getMessage());
                }
            }
        }
        return checked(origin, folder, files);
    }

    private static void checkContained(String origin, Path folder, Path realFolder, Path p) {
        if (!Files.isSymbolicLink(p) && !isUnderLink(folder, p)) {
            return;
        }
        String where = origin + "/" + rel(folder, p);
        Path target;
        try {
            target = p.toRealPath();
        } catch (IOException e) {
            throw new RulesetRefusedException(where, "is a symbolic link that leads nowhere");
        }
        if (!target.startsWith(realFolder)) {
            // The target's path is left out too: the folder's author may not learn what lies outside it.
            throw new RulesetRefusedException(where, "is a symbolic link to a file outside the ruleset folder; "
                    + "links may only point inside it");
        }
    }

    /** Whether {@code p} lies under a linked folder inside {@code folder} (walk follows links). */
    private static boolean isUnderLink(Path folder, Path p) {
        for (Path q = p.getParent(); q != null && !q.equals(folder); q = q.getParent()) {
            if (Files.isSymbolicLink(q)) {
                return true;
            }
        }
        return false;
    }

    private static String rel(Path folder, Path p) {
        return folder.relativize(p).toString().replace('\\', '/');
    }

    private static void checkSize(String where, String rel, long size) {
        long limit = limitFor(rel);
        if (size > limit) {
            throw new RulesetRefusedException(where, "is " + size + " bytes, more than the limit of "
                    + LoadingLimits.bytes(limit));
        }
    }

    private static long limitFor(String rel) {
        if (rel.equals(METADATA)) {
            return LoadingLimits.MAX_METADATA_BYTES;
        }
        if (rel.equals(PARAMETERS)) {
            return LoadingLimits.MAX_PARAMETERS_BYTES;
        }
        return rel.startsWith("rules/") ? LoadingLimits.MAX_DRL_BYTES : LoadingLimits.MAX_CASE_FILE_BYTES;
    }

    /** Strict UTF-8 (a GBK file is an error, not mojibake); a leading byte-order mark is dropped. */
    static String decode(byte[] bytes, String where) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new RulesetException(where, "is not UTF-8 text");
        }
    }

    /** Applies the per-ruleset limits of {@link LoadingLimits} to files read into memory. */
    static RulesetSource checked(String origin, Path folder, Map<String, String> files) {
        RulesetSource source = new RulesetSource(origin, folder, files);
        Map<String, String> drl = source.drl();
        if (drl.size() > LoadingLimits.MAX_DRL_FILES) {
            throw new RulesetRefusedException(origin + "/rules", "has " + drl.size() + " DRL files, more than the "
                    + "limit of " + LoadingLimits.MAX_DRL_FILES);
        }
        if (source.cases().size() > LoadingLimits.MAX_CASE_FILES) {
            throw new RulesetRefusedException(origin + "/cases", "has " + source.cases().size() + " case files, "
                    + "more than the limit of " + LoadingLimits.MAX_CASE_FILES);
        }
        long total = 0;
        int rules = 0;
        for (Map.Entry<String, String> e : drl.entrySet()) {
            String where = origin + "/" + e.getKey();
            total += e.getValue().getBytes(StandardCharsets.UTF_8).length;
            if (total > LoadingLimits.MAX_DRL_BYTES_PER_RULESET) {
                throw new RulesetRefusedException(where, "brings the ruleset's DRL to more than the limit of "
                        + LoadingLimits.bytes(LoadingLimits.MAX_DRL_BYTES_PER_RULESET));
            }
            rules += DrlLimits.check(where, e.getValue());
            if (rules > LoadingLimits.MAX_RULES) {
                throw new RulesetRefusedException(where, "brings the ruleset to more than the limit of "
                        + LoadingLimits.MAX_RULES + " rules");
            }
        }
        return source;
    }

    private static boolean wanted(String rel) {
        return rel.equals(METADATA) || rel.equals(PARAMETERS) || (rel.startsWith("rules/") && rel.endsWith(".drl"))
                || (rel.startsWith("cases/") && rel.endsWith(".yaml"));
    }

    /** Every ruleset bundled on the classpath under {@value #CLASSPATH_ROOT}/scheme/version/. */
    public static List<RulesetSource> fromClasspath(ClassLoader loader) {
        return fromClasspath(loader, e -> {
            throw e;
        });
    }

    /** Like {@link #fromClasspath(ClassLoader)}; a ruleset that cannot be used goes to {@code onError}. */
    public static List<RulesetSource> fromClasspath(ClassLoader loader, Consumer<RulesetException> onError) {
        Map<String, Map<String, String>> byFolder = new TreeMap<>();
        try {
            Enumeration<URL> roots = loader.getResources(CLASSPATH_ROOT);
            while (roots.hasMoreElements()) {
                URL url = roots.nextElement();
                if (url.getProtocol().equals("file")) {
                    Path root = Path.of(url.toURI());
                    for (RulesetSource s : fromFolder(root, onError)) {
                        byFolder.put("classpath:" + CLASSPATH_ROOT + "/"
                                + root.relativize(s.folder()).toString().replace('\\', '/'), s.files());
                    }
                } else if (url.getProtocol().equals("jar")) {
                    readJar(url, byFolder, onError);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<RulesetSource> out = new ArrayList<>();
        byFolder.forEach((origin, files) -> {
            if (files.containsKey(METADATA)) {
                try {
                    out.add(checked(origin, null, files));
                } catch (RulesetException e) {
                    onError.accept(e);
                }
            }
        });
        return out;
    }

    private static void readJar(URL url, Map<String, Map<String, String>> byFolder,
                                Consumer<RulesetException> onError) throws IOException {
        JarURLConnection conn = (JarURLConnection) url.openConnection();
        conn.setUseCaches(false);
        Set<String> refused = new HashSet<>();   // a refused ruleset is dropped whole, never loaded in part
        try (JarFile jar = conn.getJarFile()) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                String name = e.getName();
                if (e.isDirectory() || !name.startsWith(CLASSPATH_ROOT + "/")) {
                    continue;
                }
                String[] parts = name.substring(CLASSPATH_ROOT.length() + 1).split("/", 3);
                if (parts.length < 3 || !wanted(parts[2])) {
                    continue;
                }
                String origin = "classpath:" + CLASSPATH_ROOT + "/" + parts[0] + "/" + parts[1];
                if (refused.contains(origin)) {
                    continue;
                }
                String where = origin + "/" + parts[2];
                try (InputStream in = jar.getInputStream(e)) {
                    long limit = limitFor(parts[2]);
                    // Entry sizes in a jar are claims, so read at most one byte past the limit.
                    byte[] bytes = in.readNBytes((int) limit + 1);
                    checkSize(where, parts[2], bytes.length);
                    byFolder.computeIfAbsent(origin, k -> new TreeMap<>()).put(parts[2], decode(bytes, where));
                } catch (RulesetException ex) {
                    refused.add(origin);
                    onError.accept(ex);
                }
            }
        }
        refused.forEach(byFolder::remove);
    }
}
