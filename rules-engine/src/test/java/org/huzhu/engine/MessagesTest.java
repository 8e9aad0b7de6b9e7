package org.huzhu.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.huzhu.api.RulesetException;
import org.huzhu.api.SubsidyEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Message keys and their values are checked when a ruleset loads, naming the file and line. */
class MessagesTest {
    private static final String HEADER = """
            package huzhu.test;
            import org.huzhu.api.ruleset.ClaimContext;
            rule "r"
            when
                $c : ClaimContext()
            then
            """;

    @TempDir
    Path dir;

    private RulesetException refusal(String consequence, String messages) throws IOException {
        TestRulesets.write(dir, HEADER + "    " + consequence + "\nend\n");
        Files.writeString(dir.resolve("messages.yaml"), messages);
        return (RulesetException) org.assertj.core.api.Assertions.catchThrowable(() ->
                SubsidyEngine.builder().compileAtBuild(true).classpathRulesets(false).addRulesetFolder(dir).build());
    }

    @Test
    void aKeyMissingFromMessagesYamlIsRefusedAtItsLine() throws IOException {
        assertThat(refusal("$c.note($c.msg(\"nope\"));", "ok: {zh: 好, en: ok}\n").getMessage())
                .contains("rules/main.drl:7").contains("message key 'nope' is not in messages.yaml");
    }

    @Test
    void tooFewValuesForThePlaceholdersAreRefused() throws IOException {
        assertThat(refusal("$c.note($c.msg(\"two\").with(1));", "two: {zh: \"{0}和{1}\", en: \"{0} and {1}\"}\n")
                .getMessage()).contains("message 'two' has 2 placeholders in messages.yaml but is given 1 value");
    }

    @Test
    void languagesWithDifferentPlaceholdersAreRefused() throws IOException {
        assertThat(refusal("$c.note($c.msg(\"k\").with(1));", "k: {zh: \"甲\", en: \"{0}\"}\n").getMessage())
                .contains("messages.yaml: k").contains("zh uses placeholders [] but en uses [0]");
    }

    @Test
    void aKeyWithoutChineseIsRefused() throws IOException {
        assertThat(refusal("$c.note($c.msg(\"k\"));", "k: {en: \"x\"}\n").getMessage())
                .contains("needs exactly {zh: \"…\", en: \"…\"}");
    }

    @Test
    void aKeyNoRuleUsesIsRefused() throws IOException {
        assertThat(refusal("$c.note($c.msg(\"k\"));", "k: {zh: 甲, en: a}\nold: {zh: 乙, en: b}\n").getMessage())
                .contains("defines keys no rule uses: old");
    }

    @Test
    void aMessageKeptInALocalIsRefused() throws IOException {
        assertThat(refusal("org.huzhu.api.Message m = $c.msg(\"k\"); $c.note(m);", "k: {zh: 甲, en: a}\n")
                .getMessage()).contains("local variables of type");
        assertThat(refusal("Message m = $c.msg(\"k\"); $c.note(m);", "k: {zh: 甲, en: a}\n").getMessage())
                .contains("rules/main.drl:7");
    }

    @Test
    void anEngineKeyIsNotARulesetKey() throws IOException {
        assertThat(refusal("$c.note($c.msg(\"engine.band\"));", "engine.band: {zh: 甲, en: a}\n").getMessage())
                .contains("keys under 'engine.' are the engine's own");
    }

    @Test
    void theClaimItselfIsNoValue() throws IOException {
        assertThat(refusal("$c.note($c.msg(\"k\").with($c.getClaim()));", "k: {zh: \"{0}\", en: \"{0}\"}\n")
                .getMessage()).contains("with(Claim) on Message is not allowed");
    }

    @Test
    void anExtensionAddsAndReplacesKeys() throws IOException {
        Path base = dir.resolve("test/1");
        TestRulesets.write(base, HEADER + "    $c.note($c.msg(\"k\"));\n    $c.grant(\"TEST_BENEFIT\", "
                + "$c.money(\"amount\"));\nend\n");
        Files.writeString(base.resolve("messages.yaml"), "k: {zh: 甲, en: a}\n");
        Files.writeString(base.resolve("ruleset.yaml"), Files.readString(base.resolve("ruleset.yaml"))
                .replace("effective: {from: 2020-01-01}", "effective: {from: 2020-01-01, to: 2029-12-31}"));
        Path ext = dir.resolve("test/2");
        Files.createDirectories(ext);
        Files.writeString(ext.resolve("ruleset.yaml"), """
                scheme: test
                version: "2"
                extends: test@1
                name: {zh: 测试二, en: Test 2}
                effective: {from: 2030-01-01}
                """);
        Files.writeString(ext.resolve("messages.yaml"), "k: {zh: 乙, en: b}\n");
        SubsidyEngine engine = SubsidyEngine.builder().compileAtBuild(true).classpathRulesets(false).addRulesetFolder(dir).build();
        org.huzhu.api.Decision d = engine.evaluate(new org.huzhu.api.EvaluationRequest("test@2",
                new org.huzhu.api.Claim("C", new org.huzhu.api.Member("M", null, true, false, null, null, null),
                        java.time.LocalDate.of(2030, 2, 1), null, java.util.List.of(), null, null, null, null, null),
                null, true));
        assertThat(engine.texts(d).render(d.benefits().get(0).explanation().get(0), org.huzhu.api.Language.ZH))
                .isEqualTo("乙");
    }
}
