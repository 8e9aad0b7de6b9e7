package org.huzhu.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

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
            throw new org.huzhu.api.RulesetException(origin, "has no " + METADATA);
        }
        com.fasterxml.jackson.databind.JsonNode n = Yaml.tree(meta, where);
        return n.path("scheme").asText() + "@" + n.path("version").asText();
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

    /** Every ruleset version folder (one holding ruleset.yaml) under {@code root}, or {@code root} itself. */
    public static List<RulesetSource> fromFolder(Path root) {
        if (!Files.isDirectory(root)) {
            throw new org.huzhu.api.InvalidInputException(root.toString(), "is not a folder");
        }
        try (Stream<Path> walk = Files.walk(root)) {
            List<RulesetSource> out = new ArrayList<>();
            for (Path meta : walk.filter(p -> p.getFileName().toString().equals(METADATA)).sorted().toList()) {
                if (root.relativize(meta).toString().replace('\\', '/').matches("(.*/)?(target|src)/.*")) {
                    continue;
                }
                out.add(readFolder(meta.getParent()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RulesetSource readFolder(Path folder) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder, 2)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = folder.relativize(p).toString().replace('\\', '/');
                if (wanted(rel)) {
                    files.put(rel, Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RulesetSource(folder.toString(), folder, files);
    }

    private static boolean wanted(String rel) {
        return rel.equals(METADATA) || rel.equals(PARAMETERS) || (rel.startsWith("rules/") && rel.endsWith(".drl"))
                || (rel.startsWith("cases/") && rel.endsWith(".yaml"));
    }

    /** Every ruleset bundled on the classpath under {@value #CLASSPATH_ROOT}/scheme/version/. */
    public static List<RulesetSource> fromClasspath(ClassLoader loader) {
        Map<String, Map<String, String>> byFolder = new TreeMap<>();
        try {
            Enumeration<URL> roots = loader.getResources(CLASSPATH_ROOT);
            while (roots.hasMoreElements()) {
                URL url = roots.nextElement();
                if (url.getProtocol().equals("file")) {
                    Path root = Path.of(url.toURI());
                    for (RulesetSource s : fromFolder(root)) {
                        byFolder.put("classpath:" + CLASSPATH_ROOT + "/"
                                + root.relativize(s.folder()).toString().replace('\\', '/'), s.files());
                    }
                } else if (url.getProtocol().equals("jar")) {
                    readJar(url, byFolder);
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
                out.add(new RulesetSource(origin, null, files));
            }
        });
        return out;
    }

    private static void readJar(URL url, Map<String, Map<String, String>> byFolder) throws IOException {
        JarURLConnection conn = (JarURLConnection) url.openConnection();
        conn.setUseCaches(false);
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
                try (InputStream in = jar.getInputStream(e)) {
                    byFolder.computeIfAbsent("classpath:" + CLASSPATH_ROOT + "/" + parts[0] + "/" + parts[1],
                            k -> new TreeMap<>()).put(parts[2], new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
    }
}
