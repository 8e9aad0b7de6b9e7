package org.huzhu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The tool runs on the module path, every Huzhu jar a named module (Drools and the other jars without a descriptor
 * as automatic modules), and decides byte for byte as on the classpath. Both runs are fresh JVMs on the same
 * runtime dependencies (target/runtime-classpath.txt, written by the build) and this module's classes; only the
 * path differs. This module's other tests run on the classpath (see the pom).
 */
class ModulePathTest {
    static final Path CLAIM = Path.of("..", "examples", "claims", "wujin-2024-two-stays.json");
    static final String RULESETS = Path.of("..", "rulesets").toString();

    record Run(int exit, String out, String err) {
    }

    /** This module's classes, then its runtime dependencies (jars, or reactor modules' class folders). */
    static String path() throws IOException {
        List<String> entries = new ArrayList<>();
        entries.add(System.getProperty("huzhu.classes"));
        String deps = Files.readString(Path.of(System.getProperty("huzhu.runtimeClasspath"))).strip();
        entries.addAll(List.of(deps.split(File.pathSeparator)));
        return String.join(File.pathSeparator, entries);
    }

    static Run java(List<String> launch) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(launch);
        command.addAll(List.of("evaluate", "--claim", CLAIM.toString(), "--rulesets", RULESETS,
                "--format", "json", "--lang", "en"));
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        // Small outputs: read one stream after the other.
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out, err);
    }

    @Test
    void evaluateOnTheModulePathGivesTheClasspathBytes() throws Exception {
        Run classpath = java(List.of("-cp", path(), "org.huzhu.cli.Huzhu"));
        Run modulePath = java(List.of("--module-path", path(), "-m", "org.huzhu.cli/org.huzhu.cli.Huzhu"));

        assertThat(classpath.exit()).as(classpath.err()).isZero();
        assertThat(modulePath.exit()).as(modulePath.err()).isZero();
        // Worked by hand from wujin@2024: critical illness 5,000 (malignant tumour, first diagnosed in the period);
        // inpatient: 个人自理 2,500 (S-0) + 9,000 + 3,000 (S-1) + 34% of 10,000 (S-2, not MI-settled) = 17,900, band
        // from 15,000 = 2,000, less 500 paid in January = 1,500. Total 6,500.00.
        assertThat(classpath.out()).contains("\"claimId\" : \"WJ-2024-0001\"", "\"total\" : 6500.00,");
        assertThat(modulePath.out()).isEqualTo(classpath.out());
    }

    @Test
    void theEngineExportsNothingToEmbeddersAndProvidesTheEngine() throws IOException {
        Path[] entries = Stream.of(path().split(File.pathSeparator)).map(Path::of).toArray(Path[]::new);
        ModuleDescriptor engine = ModuleFinder.of(entries).find("org.huzhu.engine").orElseThrow().descriptor();
        // Embedders reach the engine through org.huzhu.api only; its packages are exported to Huzhu's modules.
        assertThat(engine.exports()).isNotEmpty().allSatisfy(e -> {
            assertThat(e.isQualified()).as(e.source()).isTrue();
            assertThat(e.targets()).allMatch(t -> t.startsWith("org.huzhu."));
        });
        assertThat(engine.provides()).singleElement().satisfies(p -> {
            assertThat(p.service()).isEqualTo("org.huzhu.api.SubsidyEngine$Provider");
            assertThat(p.providers()).containsExactly("org.huzhu.engine.DroolsSubsidyEngine$Provider");
        });
    }
}
