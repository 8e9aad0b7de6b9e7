package org.huzhu.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.huzhu.cli.CliLoadingTest.huzhu;
import static org.huzhu.cli.CliLoadingTest.ruleset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code huzhu list} says where each version came from: bundled (the classpath) or a folder, which folder, what a
 * folder version replaced (the same scheme@version, bundled or from an earlier folder) and where its base was read.
 * The bundled set here is a classpath folder of this test's own, put in front of the engine by the context class
 * loader (the cli's test classpath bundles no rulesets).
 */
class ListOriginsTest {
    @TempDir
    Path dir;
    Path classpath;
    ClassLoader before;

    @BeforeEach
    void bundleFlat1() throws IOException {
        // Bundled flat@1 pays FLAT 100 (CliLoadingTest.ruleset), in force in 2020 only.
        classpath = dir.resolve("classpath");
        Path bundled = ruleset(classpath.resolve("huzhu-rulesets/flat/1"), "flat");
        closeIn2020(bundled);
        before = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(new URLClassLoader(new URL[] {classpath.toUri().toURL()},
                before));
    }

    @AfterEach
    void restore() {
        Thread.currentThread().setContextClassLoader(before);
    }

    @Test
    void aFolderVersionReplacesTheBundledOneAndALaterFolderReplacesBoth() throws IOException {
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        closeIn2020(pays(ruleset(first.resolve("flat/1"), "flat"), 150));
        closeIn2020(pays(ruleset(second.resolve("flat/1"), "flat"), 200));

        CliLoadingTest.Run list = huzhu("list", "--rulesets", first.toString(), "--rulesets", second.toString());
        assertThat(list.exit()).isZero();
        List<String> lines = list.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).matches("flat +1 +2020-01-01 +2020-12-31 +- +[0-9a-f]{16} +folder +测试 / Test");
        assertThat(lines.get(2)).isEqualTo("  from " + second.resolve("flat/1") + ", replacing the bundled one and "
                + "the one from " + first.resolve("flat/1"));
        // The version listed is the one that decides: the second folder's 200.
        Path claim = Files.writeString(dir.resolve("claim.json"), """
                {"ruleset": "flat", "claim": {"id": "C1", "member": {"id": "M1"}, "claimDate": "2020-03-01"}}
                """);
        CliLoadingTest.Run evaluate = huzhu("evaluate", "--claim", claim.toString(), "--format", "json",
                "--rulesets", first.toString(), "--rulesets", second.toString());
        assertThat(evaluate.exit()).isZero();
        assertThat(new ObjectMapper().readTree(evaluate.out()).get("total").decimalValue()).isEqualByComparingTo("200");

        JsonNode show = new ObjectMapper().readTree(huzhu("show", "flat@1", "--format", "json", "--rulesets",
                first.toString(), "--rulesets", second.toString()).out());
        assertThat(show.get("origin").asText()).isEqualTo(second.resolve("flat/1").toString());
        assertThat(show.get("replaced")).hasSize(2);
        assertThat(show.get("replaced").get(0).asText()).isEqualTo("classpath:huzhu-rulesets/flat/1");
        assertThat(show.get("replaced").get(1).asText()).isEqualTo(first.resolve("flat/1").toString());
        assertThat(show.has("baseOrigin")).as("a field without a value is left out").isFalse();
    }

    @Test
    void aFolderVersionExtendsABundledOne() throws IOException {
        Path folder = dir.resolve("drafts");
        Path ext = Files.createDirectories(folder.resolve("flat/2"));
        Files.writeString(ext.resolve("ruleset.yaml"), """
                scheme: flat
                version: "2"
                extends: flat@1
                name: {zh: 第二版, en: Second}
                effective: {from: 2021-01-01}
                """);

        CliLoadingTest.Run list = huzhu("list", "--rulesets", folder.toString());
        assertThat(list.exit()).isZero();
        List<String> lines = list.out().lines().toList();
        // The bundled base has no line of origins: it came from the classpath and replaced nothing.
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).matches("flat +1 +2020-01-01 +2020-12-31 +- +[0-9a-f]{16} +bundled +测试 / Test");
        assertThat(lines.get(2)).matches("flat +2 +2021-01-01 +\\(open\\) +flat@1 +[0-9a-f]{16} +folder +第二版 / Second");
        assertThat(lines.get(3)).isEqualTo("  from " + ext + ", extending the bundled flat@1");

        CliLoadingTest.Run show = huzhu("show", "flat@2", "--rulesets", folder.toString());
        assertThat(show.out()).contains("\n  origin    " + ext + "\n  base from classpath:huzhu-rulesets/flat/1\n")
                .doesNotContain("replaces");
    }

    /** Sets {@code amount} (the FLAT it pays) to {@code amount}. */
    private static Path pays(Path folder, int amount) throws IOException {
        Path parameters = folder.resolve("parameters.yaml");
        Files.writeString(parameters, Files.readString(parameters).replace("value: 100", "value: " + amount));
        return folder;
    }

    private static Path closeIn2020(Path folder) throws IOException {
        Path meta = folder.resolve("ruleset.yaml");
        Files.writeString(meta, Files.readString(meta).replace("effective: {from: 2020-01-01}",
                "effective: {from: 2020-01-01, to: 2020-12-31}"));
        return folder;
    }
}
