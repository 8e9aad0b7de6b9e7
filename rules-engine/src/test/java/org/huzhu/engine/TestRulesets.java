package org.huzhu.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small rulesets into a temporary folder for engine tests. */
public final class TestRulesets {
    /** The bundled Wujin 2024 ruleset, read from the working tree. */
    static final Path WUJIN = Path.of("..", "rulesets", "wujin");

    private TestRulesets() {
    }

    /** A ruleset {@code test@1} declaring the benefit kind {@code TEST_BENEFIT}, with one money parameter. */
    public static void write(Path dir, String drl) throws IOException {
        write(dir, "test", "TEST_BENEFIT", drl);
    }

    /** A ruleset {@code scheme@1} declaring one benefit kind, with the money parameter {@code amount} = 100. */
    public static void write(Path dir, String scheme, String benefit, String drl) throws IOException {
        Files.createDirectories(dir.resolve("rules"));
        Files.writeString(dir.resolve("ruleset.yaml"), """
                scheme: %s
                version: "1"
                name: {zh: 测试, en: Test}
                region: nowhere
                effective: {from: 2020-01-01}
                coverage: {requiresEnrolment: false}
                rounding: {scale: 2, mode: HALF_UP, description: "to the fen, half-up"}
                benefits: {%s: {zh: 测试补助, en: test benefit}}
                """.formatted(scheme, benefit));
        Files.writeString(dir.resolve("parameters.yaml"), """
                amount:
                  type: money
                  description: an amount
                  value: 100
                  provenance: {label: assumed, why: a test}
                """);
        Files.writeString(dir.resolve("rules/main.drl"), drl);
        messagesFor(dir, drl);
    }

    /**
     * Test rules write their English through the key {@code text}, whose template is its one value:
     * {@code $c.msg("text").with("its co-pay")}. A messages.yaml with it is written when the rules use it (a key no
     * rule uses is refused).
     */
    public static void messagesFor(Path dir, String drl) throws IOException {
        if (drl.contains("msg(\"text\")")) {
            Files.writeString(dir.resolve("messages.yaml"), "text: {zh: \"测试：{0}\", en: \"{0}\"}\n");
        } else {
            Files.deleteIfExists(dir.resolve("messages.yaml"));
        }
    }

    /** Steps of a decision the engine made, in English. */
    public static java.util.List<String> englishSteps(org.huzhu.api.SubsidyEngine engine, org.huzhu.api.Decision d,
                                                      java.util.List<org.huzhu.api.Message> steps) {
        return steps.stream().map(m -> english(engine, d, m)).toList();
    }

    /** A message of a decision the engine made, in English. */
    public static String english(org.huzhu.api.SubsidyEngine engine, org.huzhu.api.Decision d,
                                 org.huzhu.api.Message m) {
        return engine.texts(d).render(m, org.huzhu.api.Language.EN);
    }
}
