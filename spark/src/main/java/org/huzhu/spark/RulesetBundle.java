package org.huzhu.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;
import org.huzhu.api.InvalidInputException;
import org.huzhu.api.SubsidyEngine;
import org.huzhu.engine.internal.RulesetSource;

/**
 * The ruleset folders and the reform a job names, read on the driver into file contents with their SHA-256, so that
 * they travel with the job (a broadcast) rather than being looked for on each executor's disk. An executor writes
 * the files to a folder of its own ({@link #materialize}), checking each file's hash, and builds its engines from
 * there; {@link SimulationJob} then checks that what it loaded has the content hashes the driver's engines have.
 * Bundled rulesets (the {@code rulesets} jar) travel as the job's jars do, and are checked by hash the same way.
 *
 * @param files   every file, by its path in the bundle: {@code folders/<i>/<scheme>/<version>/...} for the i-th
 *                ruleset folder, {@code reform/<file name>} and {@code reform/rules/...} for the reform
 * @param folders how many ruleset folders it holds
 * @param reform  the reform file's path in the bundle, or null
 */
public record RulesetBundle(List<BundledFile> files, int folders, String reform) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One file: its path in the bundle, its bytes and their SHA-256 (hex). */
    public record BundledFile(String path, byte[] content, String sha256) implements Serializable {
        private static final long serialVersionUID = 1L;

        public BundledFile {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(content, "content");
        }
    }

    public RulesetBundle {
        files = List.copyOf(files);
    }

    /**
     * Reads every file of every ruleset version under the folders (the version folders the engine finds there,
     * {@link RulesetSource#versionFolders}) and the reform file with the rule files next to it ({@code rules/}).
     *
     * @param reformFile the reform, or null
     * @throws InvalidInputException a folder or file that cannot be read
     */
    public static RulesetBundle read(List<Path> rulesetFolders, Path reformFile) {
        List<BundledFile> files = new ArrayList<>();
        for (int i = 0; i < rulesetFolders.size(); i++) {
            Path root = rulesetFolders.get(i);
            for (Path version : RulesetSource.versionFolders(root)) {
                addTree(files, version, "folders/" + i + "/" + slashes(root.relativize(version)));
            }
        }
        String reform = null;
        if (reformFile != null) {
            if (!Files.isRegularFile(reformFile)) {
                throw new InvalidInputException(reformFile.toString(), "does not exist or is not a file");
            }
            reform = "reform/" + reformFile.getFileName();
            files.add(file(reform, reformFile));
            Path rules = (reformFile.getParent() == null ? Path.of(".") : reformFile.getParent()).resolve("rules");
            if (Files.isDirectory(rules)) {
                addTree(files, rules, "reform/rules");
            }
        }
        return new RulesetBundle(files, rulesetFolders.size(), reform);
    }

    private static void addTree(List<BundledFile> files, Path folder, String prefix) {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                files.add(file(prefix + "/" + slashes(folder.relativize(p)), p));
            }
        } catch (IOException e) {
            throw new InvalidInputException(folder.toString(), "cannot be read: " + e.getMessage(), e);
        }
    }

    private static BundledFile file(String path, Path p) {
        try {
            byte[] bytes = Files.readAllBytes(p);
            return new BundledFile(path, bytes, sha256(bytes));
        } catch (IOException e) {
            throw new InvalidInputException(p.toString(), "cannot be read: " + e.getMessage(), e);
        }
    }

    private static String slashes(Path relative) {
        return relative.toString().replace('\\', '/');
    }

    /** The bundle's own hash: over every file's path and hash, in order. Names it in the executors' engine cache. */
    public String hash() {
        StringBuilder all = new StringBuilder().append(folders).append('\n').append(reform).append('\n');
        for (BundledFile f : files) {
            all.append(f.path()).append('\n').append(f.sha256()).append('\n');
        }
        return sha256(all.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes the files under {@code dir}, each checked against its hash first.
     *
     * @throws IllegalStateException a file's bytes do not have the hash the driver read
     */
    public void materialize(Path dir) {
        try {
            for (BundledFile f : files) {
                String actual = sha256(f.content());
                if (!actual.equals(f.sha256())) {
                    throw new IllegalStateException("ruleset bundle file " + f.path() + " has SHA-256 " + actual
                            + ", not " + f.sha256() + " as read on the driver");
                }
                Path target = dir.resolve(f.path()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IllegalStateException("ruleset bundle file " + f.path() + " lies outside its folder");
                }
                Files.createDirectories(target.getParent());
                Files.write(target, f.content());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ruleset bundle to " + dir, e);
        }
    }

    /**
     * Writes the bundle to a temporary folder ({@link #materialize}, each file checked), hands the folder to
     * {@code build}, and deletes the folder: an engine reads every file while it builds, so the copies are not needed
     * after.
     */
    public <T> T buildFrom(Function<Path, T> build) {
        Path dir;
        try {
            dir = Files.createTempDirectory("huzhu-rulesets-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot make a folder for the job's rulesets", e);
        }
        try {
            materialize(dir);
            return build.apply(dir);
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A temporary folder left behind costs only disk: the job goes on.
        }
    }

    /**
     * An engine builder on the bundle written under {@code dir} ({@link #materialize}): the ruleset folders in
     * order, and the reform if {@code withReform}.
     */
    public SubsidyEngine.Builder builder(Path dir, boolean withReform) {
        SubsidyEngine.Builder builder = SubsidyEngine.builder();
        for (int i = 0; i < folders; i++) {
            Path folder = dir.resolve("folders/" + i);
            if (Files.isDirectory(folder)) {
                builder.addRulesetFolder(folder);
            }
        }
        if (withReform && reform != null) {
            builder.reform(dir.resolve(reform));
        }
        return builder;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
