package org.huzhu.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.huzhu.api.RulesetException;
import org.huzhu.api.SubsidyEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a ruleset can fail to load reaches the builder's handler, or fails the build with a RulesetException. */
class BuilderErrorsTest {
    static final String DRL = """
            package t;
            import org.huzhu.api.ruleset.ClaimContext;
            rule "r"
            when
                $c : ClaimContext()
            then
                $c.grant("TEST_BENEFIT", $c.money("amount"));
            end
            """;

    @TempDir
    Path dir;

    private List<RulesetException> buildWithHandler(List<String> loaded) {
        List<RulesetException> errors = new ArrayList<>();
        SubsidyEngine engine = SubsidyEngine.builder().compileAtBuild(true).classpathRulesets(false).addRulesetFolder(dir)
                .onRulesetError(errors::add).build();
        engine.rulesets().forEach(r -> loaded.add(r.id()));
        return errors;
    }

    @Test
    void aRulesetYamlThatIsNotYamlIsAHandledRulesetError() throws IOException {
        TestRulesets.write(dir.resolve("good"), DRL);
        Path bad = dir.resolve("bad");
        TestRulesets.write(bad, "other", "TEST_BENEFIT", DRL);
        Files.writeString(bad.resolve("ruleset.yaml"), "scheme: [oops\n");
        List<String> loaded = new ArrayList<>();
        assertThat(buildWithHandler(loaded)).singleElement()
                .satisfies(e -> assertThat(e.getMessage()).contains("bad/ruleset.yaml"));
        assertThat(loaded).containsExactly("test@1");
        assertThatThrownBy(() -> SubsidyEngine.builder().compileAtBuild(true).classpathRulesets(false).addRulesetFolder(dir).build())
                .isInstanceOf(RulesetException.class).hasMessageContaining("bad/ruleset.yaml");
    }

    @Test
    void anOverlappingVersionIsHandedToTheHandlerAndLeftOut() throws IOException {
        TestRulesets.write(dir.resolve("a"), DRL);   // test@1 from 2020-01-01, open-ended
        Path b = dir.resolve("b");
        TestRulesets.write(b, DRL);
        Files.writeString(b.resolve("ruleset.yaml"), Files.readString(b.resolve("ruleset.yaml"))
                .replace("version: \"1\"", "version: \"2\"").replace("from: 2020-01-01", "from: 2022-01-01"));
        List<String> loaded = new ArrayList<>();
        assertThat(buildWithHandler(loaded)).singleElement()
                .satisfies(e -> assertThat(e.getMessage()).contains("test@2 is effective from 2022-01-01 but test@1 "
                        + "is still in force then"));
        assertThat(loaded).containsExactly("test@1");
    }

    @Test
    void aParameterOfTwoHundredThousandDigitsIsRefusedBeforeAnyArithmetic() throws IOException {
        TestRulesets.write(dir, DRL);
        Files.writeString(dir.resolve("parameters.yaml"), "amount:\n  type: money\n  description: an amount\n"
                + "  value: \"1" + "0".repeat(200_000) + "e-200000\"\n  provenance: {label: assumed, why: a test}\n");
        assertThatThrownBy(() -> SubsidyEngine.builder().compileAtBuild(true).classpathRulesets(false).addRulesetFolder(dir).build())
                .isInstanceOf(RulesetException.class).hasMessageContaining("amount.value: has too many digits");
    }

    @Test
    void theSameFigureWrittenAnotherWayDoesNotDifferFromTheSource() throws IOException {
        TestRulesets.write(dir, DRL);
        Files.writeString(dir.resolve("parameters.yaml"), """
                amount:
                  type: money
                  description: an amount
                  value: "100.00"
                  provenance: {label: seed, clause: 补助100元, stated: 100}
                """);
        SubsidyEngine engine = SubsidyEngine.builder().compileAtBuild(true).classpathRulesets(false).addRulesetFolder(dir).build();
        assertThat(engine.rulesets().get(0).parameters()).singleElement()
                .satisfies(p -> assertThat(p.parameter().differsFromSource()).isFalse());
    }
}
