package org.huzhu.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.huzhu.api.RulesetException;
import org.huzhu.api.RulesetRefusedException;
import org.huzhu.api.SubsidyEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sandbox refuses DRL that reaches outside the allowed API, naming the file and line. */
class SandboxTest {
    static final String HEADER = "package t;\nimport org.huzhu.api.ruleset.ClaimContext;\n";

    @TempDir
    Path dir;

    @Test
    void refusesImportOfJavaIoFileByName() throws IOException {
        TestRulesets.write(dir, "package t;\nimport java.io.File;\nimport org.huzhu.api.ruleset.ClaimContext;\n"
                + "rule \"r\" when $c : ClaimContext() then end\n");
        assertThatThrownBy(() -> build(dir))
                .isInstanceOf(RulesetRefusedException.class)
                .hasMessageContaining("rules/main.drl:2")
                .hasMessageContaining("import of java.io.File is not allowed");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "fully qualified name in a consequence | $c.note(\"\" + java.lang.System.getenv()); | 7 | fully qualified",
        "System in a consequence               | System.exit(1);                              | 7 | 'System'",
        "new of a fully qualified type         | Object f = new java.io.File(\"/tmp/x\");      | 7 | fully qualified",
        "reflection by getClass                | $c.getClass().getClassLoader();              | 7 | 'getClass'",
        "the Drools runtime                    | drools.getKieRuntime().halt();               | 7 | 'drools'",
        "a name that is not bound              | foo.bar();                                   | 7 | 'foo' is not a bound fact",
        "an engine-only method                 | $c.engineReject(\"x\");                        | 7 | 'engineReject'",
        "a lambda                              | Runnable r = () -> {};                       | 7 | type Runnable",
        "a type outside the allowlist          | StringBuilder b = new StringBuilder();       | 7 | type StringBuilder",
    })
    void refusesConsequence(String what, String code, int line, String message) throws IOException {
        TestRulesets.write(dir, HEADER + "rule \"r\"\nwhen\n    $c : ClaimContext()\nthen\n    " + code + "\nend\n");
        assertThatThrownBy(() -> build(dir))
                .as(what)
                .isInstanceOf(RulesetRefusedException.class)
                .hasMessageContaining("rules/main.drl:" + line)
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "function             | function int f() { return 1; }\\nrule \"r\" when $c : ClaimContext() then end | function 'f'",
        "global               | global java.util.List out;\\nrule \"r\" when $c : ClaimContext() then end      | global 'out'",
        "eval                 | rule \"r\" when eval(true) then end                                        | 'eval'",
        "from                 | rule \"r\" when $c : ClaimContext() from $x then end                         | pattern source",
        "constraint reaching out | rule \"r\" when $c : ClaimContext( java.lang.Runtime.getRuntime() != null ) then end | fully qualified",
        "date-effective       | rule \"r\" date-effective \"1-Jan-2024\" when $c : ClaimContext() then end    | date-effective",
        "inline accumulate    | rule \"r\" when $n : Number() from accumulate( ClaimContext(), init(int n = 0;) action(n++;) result(n) ) then end | inline accumulate code",
        "unicode escape       | rule \"r\" when $c : ClaimContext() then $c.note(\"\\u0041\"); end             | escapes",
    })
    void refusesConstruct(String what, String body, String message) throws IOException {
        TestRulesets.write(dir, HEADER + body.replace("\\n", "\n") + "\n");
        assertThatThrownBy(() -> build(dir))
                .as(what)
                .isInstanceOf(RulesetException.class)
                .hasMessageContaining("rules/main.drl")
                .hasMessageContaining(message);
    }

    @Test
    void reportsACompileErrorWithFileAndLine() throws IOException {
        TestRulesets.write(dir, HEADER + "rule \"r\"\nwhen\n    $c : ClaimContext()\nthen\n    $c.noSuchMethod();\nend\n");
        assertThatThrownBy(() -> build(dir))
                .isInstanceOf(RulesetException.class)
                .hasMessageContaining("rules/main.drl")
                .hasMessageContaining("does not compile");
    }

    @Test
    void reportsAParseErrorWithFileAndLine() throws IOException {
        TestRulesets.write(dir, HEADER + "rule \"r\"\nwhen\n    $c : ClaimContext(\nthen\nend\n");
        assertThatThrownBy(() -> build(dir))
                .isInstanceOf(RulesetException.class)
                .hasMessageContaining("rules/main.drl")
                .hasMessageContaining("does not parse");
    }

    @Test
    void acceptsTheBundledWujinRules() {
        SubsidyEngine engine = SubsidyEngine.builder().classpathRulesets(false)
                .addRulesetFolder(TestRulesets.WUJIN).build();
        assertThat(engine.rulesets()).extracting(r -> r.id()).containsExactly("wujin@2024");
    }

    @Test
    void refusesAParameterWithoutProvenance() throws IOException {
        TestRulesets.write(dir, HEADER + "rule \"r\" when $c : ClaimContext() then end\n");
        Files.writeString(dir.resolve("parameters.yaml"), "cap:\n  type: money\n  description: a cap\n  value: 5\n");
        assertThatThrownBy(() -> build(dir))
                .isInstanceOf(RulesetException.class)
                .hasMessageContaining("cap.provenance")
                .hasMessageContaining("every parameter says where its value comes from");
    }

    private static SubsidyEngine build(Path dir) {
        return SubsidyEngine.builder().classpathRulesets(false).addRulesetFolder(dir).build();
    }
}
