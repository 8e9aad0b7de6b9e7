package org.huzhu.engine.internal;

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
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import org.huzhu.api.InvalidInputException;
import org.huzhu.api.RulesetException;
import org.huzhu.api.RulesetRefusedException;

/**
 * The files of one ruleset version, read into memory from a folder or from the classpath: {@code ruleset.yaml},
 * {@code parameters.yaml}, {@code rules/*.drl} and {@code cases/*.yaml}, by path relative to the version folder.
 * A version whose {@code ruleset.yaml} says {@code extends: scheme@version} carries its base, linked from the same
 * source set when the set is read ({@link #fromFolder}, {@link #fromClasspath}).
 *
 * <p>A reform ({@link ReformFile}) is a source too: its origin is the reform file, its files the reform's text (as
 * {@value ReformFile#FILE}) and its rule files, its base the version it changes; its metadata is made from the
 * reform and its base ({@link ReformFile#metadata}).
 *
 * @param origin where it was read from (a folder path or a classpath location; a reform: its file)
 * @param folder the folder on disk, or null for a classpath ruleset (a reform: the reform file's folder)
 * @param files  file contents by relative path, sorted
 * @param base   the version it extends, already linked to its own base; null if it extends none
 * @param reform the reform it was read from, or null for a ruleset version
 */
public record RulesetSource(String origin, Path folder, Map<String, String> files, RulesetSource base,
                            ReformFile reform) {
    /** Where bundled rulesets live on the classpath. */
    public static final String CLASSPATH_ROOT = "huzhu-rulesets";
    /** A version folder's metadata file. */
    public static final String METADATA = "ruleset.yaml";
    /** A version folder's parameters file. */
    public static final String PARAMETERS = "parameters.yaml";
    /** A version folder's message texts (optional), read like the engine's own. */
    public static final String MESSAGES = "messages.yaml";
    /** The first bytes hashed: a later change of the canonical form changes every hash, never collides. */
    static final String HASH_FORMAT = "huzhu-ruleset-hash-1";

    /** A version that extends none (or not yet linked). */
    public RulesetSource(String origin, Path folder, Map<String, String> files) {
        this(origin, folder, files, null, null);
    }

    /** A ruleset version on its base. */
    public RulesetSource(String origin, Path folder, Map<String, String> files, RulesetSource base) {
        this(origin, folder, files, base, null);
    }

    /** Where its metadata is named in errors: its {@code ruleset.yaml}, or a reform's file. */
    public String metadataLocation() {
        return reform != null ? origin : origin + "/" + METADATA;
    }

    /** The folder its own {@code rules/} are named under in errors: its origin, or a reform file's folder. */
    private String filesRoot() {
        return reform != null ? folder.toString() : origin;
    }

    /**
     * Whether an error's location (a file, {@code file:line}, or {@code file key}) is one of this source's own
     * files, rather than one it inherits from its base.
     */
    public boolean holds(String location) {
        if (location.equals(origin) || location.startsWith(origin + "/") || location.startsWith(origin + ":")
                || location.startsWith(origin + " ")) {
            return true;
        }
        if (reform != null) {
            for (String path : drl().keySet()) {
                String file = filesRoot() + "/" + path;
                if (location.equals(file) || location.startsWith(file + ":")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The versions from the root base to this one. */
    public List<RulesetSource> chain() {
        List<RulesetSource> out = new ArrayList<>();
        for (RulesetSource s = this; s != null; s = s.base) {
            out.add(0, s);
        }
        return out;
    }

    /**
     * The version its {@code ruleset.yaml} extends ({@code scheme@version}), or null. It must be a version of the
     * same scheme: a scheme's versions are one policy over time, and a claim for {@code jinhua} must never be
     * decided by rules written for another scheme's benefits and history kinds.
     */
    public String declaredBase() {
        if (reform != null) {
            return reform.base();
        }
        String where = origin + "/" + METADATA;
        JsonNode n = metadataTree();
        JsonNode ext = n.get("extends");
        if (ext == null || ext.isNull()) {
            return null;
        }
        String scheme = n.path("scheme").asText();
        if (!ext.isTextual() || !ext.asText().matches("[a-z][a-z0-9-]*@[A-Za-z0-9._-]+")) {
            throw new RulesetException(where, "extends: must name a version as scheme@version, e.g. " + scheme
                    + "@2015, was '" + ext.asText() + "'");
        }
        String base = ext.asText();
        if (!base.substring(0, base.indexOf('@')).equals(scheme)) {
            throw new RulesetException(where, "extends: " + base + " is a version of another scheme; a version may "
                    + "only extend a version of its own scheme (" + scheme + "@...)");
        }
        if (base.equals(rulesetId())) {
            throw new RulesetException(where, "extends: " + base + " is this version itself");
        }
        return base;
    }

    /** Its metadata as a tree: its {@code ruleset.yaml}, or what a reform makes of itself and its base. */
    public JsonNode metadataTree() {
        if (reform != null) {
            return reform.metadata(base);
        }
        String meta = files.get(METADATA);
        if (meta == null) {
            throw new RulesetException(origin, "has no " + METADATA);
        }
        try {
            return Yaml.tree(meta, origin + "/" + METADATA);
        } catch (InvalidInputException e) {
            // A broken ruleset.yaml is a broken ruleset: the builder's handler hears of it, the others still load.
            throw asRulesetError(e);
        }
    }

    /**
     * The DRL of the version as loaded: its base's (recursively), less the files its {@code removeRules} lists,
     * with its own files added or replacing the base's of the same path. Each file with the version it comes from.
     *
     * @throws RulesetException naming this version's {@code ruleset.yaml} for a removed file the base does not
     *                          have, or one it also provides
     */
    public Map<String, RuleFile> effectiveRuleFiles() {
        Map<String, RuleFile> out = new TreeMap<>();
        if (base != null) {
            out.putAll(base.effectiveRuleFiles());
            String where = metadataLocation();
            JsonNode removed = metadataTree().get("removeRules");
            if (removed != null && !removed.isNull()) {
                if (!removed.isArray()) {
                    throw new RulesetException(where, "removeRules: must be a list of rule files, e.g. "
                            + "[rules/old.drl]");
                }
                for (JsonNode r : removed) {
                    String path = r.asText();
                    if (!out.containsKey(path)) {
                        throw new RulesetException(where, "removeRules: " + path + " is not a rule file of "
                                + base.rulesetId() + " (its rule files: " + String.join(", ", out.keySet()) + ")");
                    }
                    if (files.containsKey(path)) {
                        throw new RulesetException(where, "removeRules: " + path + " is also a file of this "
                                + "version; to replace the base's file, just provide it");
                    }
                    out.remove(path);
                }
            }
        } else if (metadataTree().has("removeRules")) {
            throw new RulesetException(origin + "/" + METADATA, "removeRules: only a version that extends another "
                    + "removes rule files");
        }
        String id = reform != null ? "reform " + reform.name() : rulesetId();
        drl().forEach((path, text) -> out.put(path, new RuleFile(path, text, filesRoot() + "/" + path, id)));
        return out;
    }

    /** The effective DRL by relative path ({@link #effectiveRuleFiles()}), as a version compiles it. */
    public Map<String, String> effectiveDrl() {
        Map<String, String> out = new TreeMap<>();
        effectiveRuleFiles().forEach((path, f) -> out.put(path, f.text()));
        return out;
    }

    /**
     * One rule file of a loaded version.
     *
     * @param path  relative path, e.g. {@code rules/main.drl}
     * @param text  its content
     * @param where its location for errors ({@code origin/path} of the version that holds it)
     * @param from  {@code scheme@version} of the version that holds it, or {@code reform NAME}
     */
    public record RuleFile(String path, String text, String where, String from) {
    }

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
        JsonNode n = metadataTree();
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

    /**
     * The canonical content hash: SHA-256 over the metadata, parameters and DRL (not the cases) of every version
     * of the chain, the root base first, so that a change to a base changes the hash of every version built on it (a
     * reform is the last of its chain: its file's text, hashed as {@value ReformFile#FILE}, and its rule files).
     * The bytes hashed are {@value #HASH_FORMAT} NUL, then for each version its number of files NUL, then for each
     * of its files in order of their paths' UTF-8 bytes: path NUL length NUL content, where content is the file's
     * text as UTF-8 with any byte-order mark dropped and CRLF and lone CR turned into LF, and length is its byte
     * count; numbers are decimal ASCII. So two checkouts of the same files hash the same whatever their line
     * endings, and no two different chains of files hash the same bytes.
     */
    public String contentHash() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((HASH_FORMAT + "\0").getBytes(StandardCharsets.UTF_8));
            for (RulesetSource version : chain()) {
                List<byte[][]> hashed = new ArrayList<>();   // {path, content}
                version.files.forEach((path, text) -> {
                    if (path.equals(METADATA) || path.equals(PARAMETERS) || path.equals(MESSAGES)
                            || path.equals(ReformFile.FILE) || path.startsWith("rules/")) {
                        hashed.add(new byte[][] {path.getBytes(StandardCharsets.UTF_8),
                                canonicalText(text).getBytes(StandardCharsets.UTF_8)});
                    }
                });
                hashed.sort((a, b) -> Arrays.compareUnsigned(a[0], b[0]));
                sha.update((hashed.size() + "\0").getBytes(StandardCharsets.US_ASCII));
                for (byte[][] f : hashed) {
                    sha.update(f[0]);
                    sha.update((byte) 0);
                    sha.update((f[1].length + "\0").getBytes(StandardCharsets.US_ASCII));
                    sha.update(f[1]);
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Line endings as LF, without a leading byte-order mark: the text a checkout on any system hashes to. */
    static String canonicalText(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return t.replace("\r\n", "\n").replace('\r', '\n');
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
        return fromFolder(root, onError, Map.of());
    }

    /**
     * Like {@link #fromFolder(Path, Consumer)}; a version that extends one found nowhere under {@code root} takes
     * its base from {@code bundled} (by {@code scheme@version}), so that a draft folder may extend a bundled
     * version. A base under {@code root} always wins: the working copy is what gets loaded.
     */
    public static List<RulesetSource> fromFolder(Path root, Consumer<RulesetException> onError,
                                                 Map<String, RulesetSource> bundled) {
        return link(readAll(root, onError), bundled, root.toString(), onError);
    }

    private static List<RulesetSource> readAll(Path root, Consumer<RulesetException> onError) {
        List<RulesetSource> read = new ArrayList<>();
        for (Path folder : versionFolders(root)) {
            try {
                read.add(readFolder(folder));
            } catch (RulesetException e) {
                onError.accept(e);
            }
        }
        return read;
    }

    /** By {@code scheme@version}; a later source of the same id replaces an earlier one, as in the engine. */
    public static Map<String, RulesetSource> byId(List<RulesetSource> sources) {
        Map<String, RulesetSource> out = new LinkedHashMap<>();
        sources.forEach(s -> out.put(s.rulesetId(), s));
        return out;
    }

    /**
     * Gives every source that extends a version its base: from {@code set} first, else from {@code fallback}
     * (already linked). A missing base, a base of another scheme, a cycle or a chain deeper than
     * {@link LoadingLimits#MAX_EXTENDS_DEPTH} is that source's error, naming its {@code ruleset.yaml}; the other
     * sources still link.
     */
    static List<RulesetSource> link(List<RulesetSource> set, Map<String, RulesetSource> fallback, String setName,
                                    Consumer<RulesetException> onError) {
        Map<String, RulesetSource> ids = new LinkedHashMap<>();
        List<RulesetSource> usable = new ArrayList<>();
        for (RulesetSource s : set) {
            try {
                ids.put(s.rulesetId(), s);
                usable.add(s);
            } catch (RulesetException e) {
                onError.accept(e);
            }
        }
        Map<String, RulesetSource> linked = new HashMap<>();
        List<RulesetSource> out = new ArrayList<>();
        for (RulesetSource s : usable) {
            try {
                out.add(linked(s, ids, fallback, setName, new ArrayList<>(), linked));
            } catch (RulesetException e) {
                onError.accept(e);
            }
        }
        return out;
    }

    /** A chain of bases that leads back to a version in it. */
    private static final class Cycle extends RulesetException {
        final List<String> cycle;

        Cycle(String location, String message, List<String> cycle) {
            super(location, message);
            this.cycle = List.copyOf(cycle);
        }
    }

    private static RulesetSource linked(RulesetSource s, Map<String, RulesetSource> ids,
                                        Map<String, RulesetSource> fallback, String setName, List<String> path,
                                        Map<String, RulesetSource> done) {
        String id = s.rulesetId();
        RulesetSource known = done.get(s.origin());
        if (known != null) {
            return known;
        }
        String where = s.origin() + "/" + METADATA;
        String baseId = s.declaredBase();
        if (baseId == null) {
            done.put(s.origin(), s);
            return s;
        }
        List<String> here = new ArrayList<>(path);
        here.add(id);
        if (here.contains(baseId)) {
            List<String> cycle = new ArrayList<>(here.subList(here.indexOf(baseId), here.size()));
            cycle.add(baseId);
            throw new Cycle(where, "extends " + baseId + ", which leads back to " + id + ": "
                    + String.join(" → ", cycle), cycle);
        }
        if (here.size() > LoadingLimits.MAX_EXTENDS_DEPTH) {
            throw new RulesetRefusedException(where, "extends a chain of more than " + LoadingLimits.MAX_EXTENDS_DEPTH
                    + " versions: " + String.join(" → ", here));
        }
        RulesetSource base = ids.get(baseId);
        RulesetSource linkedBase;
        if (base != null) {
            try {
                linkedBase = linked(base, ids, fallback, setName, here, done);
            } catch (Cycle c) {
                // Each version of a cycle is refused naming its own file; one that only leads into it says so.
                String cycle = String.join(" → ", c.cycle);
                throw c.cycle.contains(id) ? new Cycle(where, "extends " + baseId + ", which leads back to " + id
                        + ": " + cycle, c.cycle) : new RulesetException(where, "extends " + baseId
                        + ", whose bases form a cycle: " + cycle);
            } catch (RulesetException e) {
                throw new RulesetException(where, "extends " + baseId + ", which cannot be used: " + e.getMessage(),
                        e);
            }
        } else if (fallback.containsKey(baseId)) {
            linkedBase = fallback.get(baseId);
        } else {
            throw new RulesetException(where, "extends " + baseId + ", which is not among the rulesets of "
                    + setName + (fallback.isEmpty() ? "" : " nor bundled") + " (a base is read from the same folder "
                    + "tree or classpath as its extension)");
        }
        RulesetSource out = new RulesetSource(s.origin, s.folder, s.files, linkedBase);
        done.put(s.origin(), out);
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
        if (rel.equals(PARAMETERS) || rel.equals(MESSAGES)) {
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

    /**
     * An input error in one of a ruleset's files ({@code ruleset.yaml}, {@code parameters.yaml},
     * {@code messages.yaml}) as the ruleset error it is: the ruleset cannot load, and the builder's handler hears
     * of it naming the file and line.
     */
    public static RulesetException asRulesetError(InvalidInputException e) {
        String field = e.field() == null ? "" : e.field();
        String message = e.getMessage().startsWith(field + ": ") ? e.getMessage().substring(field.length() + 2)
                : e.getMessage();
        return new RulesetException(field, message, e);
    }

    /** Applies the per-ruleset limits of {@link LoadingLimits} to files read into memory. */
    static RulesetSource checked(String origin, Path folder, Map<String, String> files) {
        RulesetSource source = new RulesetSource(origin, folder, files);
        if (source.cases().size() > LoadingLimits.MAX_CASE_FILES) {
            throw new RulesetRefusedException(origin + "/cases", "has " + source.cases().size() + " case files, "
                    + "more than the limit of " + LoadingLimits.MAX_CASE_FILES);
        }
        checkDrlLimits(origin, source.drl());
        return source;
    }

    /**
     * The per-ruleset DRL limits (files, bytes, lexically counted rules) over {@code drl} by relative path: a
     * version's own files when read, and its effective files (base and own together) when it extends another.
     */
    public static void checkDrlLimits(String origin, Map<String, String> drl) {
        if (drl.size() > LoadingLimits.MAX_DRL_FILES) {
            throw new RulesetRefusedException(origin + "/rules", "has " + drl.size() + " DRL files, more than the "
                    + "limit of " + LoadingLimits.MAX_DRL_FILES);
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
    }

    private static boolean wanted(String rel) {
        return rel.equals(METADATA) || rel.equals(PARAMETERS) || rel.equals(MESSAGES)
                || (rel.startsWith("rules/") && rel.endsWith(".drl"))
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
                    for (RulesetSource s : readAll(root, onError)) {
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
        // Bundled versions extend bundled versions only: every classpath root is one source set.
        return link(out, Map.of(), "classpath:" + CLASSPATH_ROOT, onError);
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
