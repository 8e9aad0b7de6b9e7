package org.huzhu.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.huzhu.api.RulesetException;
import org.huzhu.api.RulesetInfo;
import org.huzhu.api.SubsidyEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code grammar} in ruleset.yaml: the DRL grammar version the rules are written for; default 1, never above ours. */
class GrammarVersionTest {
    static final String DRL = """
            package rules;
            import org.huzhu.api.ruleset.ClaimContext;
            rule "Nothing"
            @clause("test")
            when
                $c : ClaimContext(false)
            then
            end
            """;

    @TempDir
    Path dir;

    private SubsidyEngine engine() {
        return SubsidyEngine.builder().compileAtBuild(true).classpathRulesets(false).addRulesetFolder(dir).build();
    }

    private void grammar(String line) throws IOException {
        Path yaml = dir.resolve("ruleset.yaml");
        Files.writeString(yaml, Files.readString(yaml) + line + "\n");
    }

    @Test
    void withoutOneTheGrammarIs1() throws IOException {
        TestRulesets.write(dir, DRL);
        RulesetInfo info = engine().rulesets().get(0);
        assertThat(info.grammar()).isEqualTo(1);
        assertThat(RulesetMetadata.GRAMMAR).isEqualTo(1);
    }

    @Test
    void grammar1IsAccepted() throws IOException {
        TestRulesets.write(dir, DRL);
        grammar("grammar: 1");
        assertThat(engine().rulesets().get(0).grammar()).isEqualTo(1);
    }

    @Test
    void aGrammarAboveTheEnginesIsRefused() throws IOException {
        TestRulesets.write(dir, DRL);
        grammar("grammar: 2");
        assertThatThrownBy(this::engine).isInstanceOf(RulesetException.class)
                .hasMessageContaining("ruleset.yaml")
                .hasMessageContaining("grammar: is 2, but this engine knows DRL grammar 1 only");
    }
}
