package org.huzhu.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small rulesets into a temporary folder for engine tests. */
final class TestRulesets {
    /** The bundled Wujin 2024 ruleset, read from the working tree. */
    static final Path WUJIN = Path.of("..", "rulesets", "wujin");

    private TestRulesets() {
    }

    static void write(Path dir, String drl) throws IOException {
        Files.createDirectories(dir.resolve("rules"));
        Files.writeString(dir.resolve("ruleset.yaml"), """
                scheme: test
                version: "1"
                name: {zh: 测试, en: Test}
                region: nowhere
                effective: {from: 2020-01-01}
                coverage: {requiresEnrolment: false}
                rounding: {scale: 2, mode: HALF_UP, description: "to the fen, half-up"}
                benefits: {TEST_BENEFIT: {zh: 测试补助, en: test benefit}}
                """);
        Files.writeString(dir.resolve("parameters.yaml"), """
                amount:
                  type: money
                  description: an amount
                  value: 100
                  provenance: {label: assumed, why: a test}
                """);
        Files.writeString(dir.resolve("rules/main.drl"), drl);
    }
}
