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
        "fully qualified name in a consequence | $c.note($c.msg(\"text\").with(\"\" + java.lang.System.getenv())); | 7 | 'java' is not a bound fact",
        "a comment inside a qualified name     | $c.note($c.msg(\"text\").with(\"\" + java/**/.lang.System.getenv())); | 7 | 'java' is not a bound fact",
        "System in a consequence               | System.exit(1);                              | 7 | 'System' is not a bound fact",
        "new of a fully qualified type         | String f = new java.io.File(\"/tmp/x\").getName(); | 7 | 'new'",
        "reflection by getClass                | $c.getClass().getClassLoader();              | 7 | getClass() on ClaimContext is not allowed",
        "the chain from an enum to its class   | $c.note($c.msg(\"text\").with(\"\" + $c.getClaim().member().medicalInsurance().getDeclaringClass())); | 7 | getDeclaringClass() on MedicalInsuranceType is not allowed",
        "the Drools runtime                    | drools.getKieRuntime().halt();               | 7 | 'drools' is not a bound fact",
        "insert                                | insert($c);                                  | 7 | never insert, modify or retract",
        "a name that is not bound              | foo.bar();                                   | 7 | 'foo' is not a bound fact",
        "an engine-only method                 | $c.engineReject(\"x\");                      | 7 | engineReject(String) on ClaimContext is not allowed",
        "a lambda                              | $c.note($c.msg(\"text\").with(() -> 1));                            | 7 | a lambda",
        "a type outside the allowlist          | StringBuilder b = null;                      | 7 | local variables of type StringBuilder",
        "a loop                                | while (true) { }                             | 7 | a loop",
        "an array                              | int[] a = null;                              | 7 | local variables of type int[]",
        "var                                   | var x = $c.getKey();                         | 7 | 'var' is not allowed",
        "try                                   | try { $c.note($c.msg(\"text\").with(\"x\")); } finally { }          | 7 | try",
        "raw multiply of money                 | $c.note($c.msg(\"text\").with(\"\" + $c.money(\"amount\").multiply($c.money(\"amount\")))); | 7 | multiply(BigDecimal) on BigDecimal is not allowed",
        "a money literal                       | $c.grant(\"X\", BigDecimal.valueOf(5000));     | 7 | the number 5000 is not allowed",
        "the clock                             | $c.note($c.msg(\"text\").with(\"\" + LocalDate.now()));             | 7 | static now() on LocalDate is not allowed",
        "a system property                     | $c.note($c.msg(\"text\").with(\"\" + Integer.getInteger(\"x\")));  | 7 | 'Integer' is not a bound fact",
        "an unknown parameter                  | $c.grant(\"X\", $c.money(\"amont\"));         | 7 | reads parameter 'amont', which parameters.yaml does not declare",
        "a parameter of the wrong type         | $c.grant(\"X\", $c.rate(\"amount\"));         | 7 | reads parameter 'amount' as rate, but parameters.yaml declares it as money",
        "a parameter name that is not literal  | String n = \"amount\"; $c.grant(\"X\", $c.money(n)); | 7 | takes the parameter's name as a string literal",
        "the identity hash of the context      | $c.note($c.msg(\"text\").with($c.toString()));                      | 7 | toString() on ClaimContext is not allowed",
        "the context joined to text            | $c.note($c.msg(\"text\").with(\"\" + $c));                           | 7 | a ClaimContext cannot be turned into text",
        "the whole claim as text               | $c.note($c.msg(\"text\").with(String.valueOf($c.getClaim())));      | 7 | a Claim cannot be turned into text",
        "a list as text                        | $c.note($c.msg(\"text\").with(\"\" + $c.getClaim().stays()));        | 7 | a List cannot be turned into text",
        "count and total in one consequence    | $c.total(\"b\"); $c.count(\"b\", null, BigDecimal.ZERO, $c.msg(\"text\").with(\"h\")); | 7 | either counts toward a base (count) or reads a total",
        "Figures.money with a scale            | $c.note($c.msg(\"text\").with(Figures.money(BigDecimal.ONE, 1 + 1))); | 7 | static money(BigDecimal, int) on Figures is not allowed",
    })
    void refusesConsequence(String what, String code, int line, String message) throws IOException {
        TestRulesets.write(dir, HEADER + "import java.math.BigDecimal;\nimport java.time.LocalDate;\nimport org.huzhu.api.ruleset.Figures;\n"
                + "rule \"r\"\nwhen\n    $c : ClaimContext()\nthen\n    " + code.replace("\\n", "\n") + "\nend\n");
        assertThatThrownBy(() -> build(dir))
                .as(what)
                .isInstanceOf(RulesetRefusedException.class)
                .hasMessageContaining("rules/main.drl:" + (line + 3))
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "function             | function int f() { return 1; }\\nrule \"r\" when $c : ClaimContext() then end | function is not allowed",
        "global               | global java.util.List out;\\nrule \"r\" when $c : ClaimContext() then end      | global is not allowed",
        "eval                 | rule \"r\" when $c : ClaimContext() eval(true) then end                    | 'eval' is not allowed",
        "from                 | rule \"r\" when $c : ClaimContext() from $x then end                         | pattern source",
        "constraint reaching out | rule \"r\" when $c : ClaimContext( java.lang.Runtime.getRuntime() != null ) then end | no property 'java'",
        "date-effective       | rule \"r\" date-effective \"1-Jan-2024\" when $c : ClaimContext() then end    | attribute date-effective is not allowed",
        "mvel dialect         | rule \"r\" dialect \"mvel\" when $c : ClaimContext() then end                 | dialect mvel is not allowed",
        "inline accumulate    | rule \"r\" when $c : ClaimContext( $k : key ) $n : Number() from accumulate( ClaimContext(), init(int n = 0;) action(n++;) result(n) ) then end | pattern type Number",
        "unicode escape       | rule \"r\" when $c : ClaimContext() then $c.note($c.msg(\"text\").with(\"\\u0041\")); end             | escapes",
        "annotation as code   | rule \"r\" @clause(\"a\" + System.getenv()) when $c : ClaimContext() then end  | @clause takes one string literal",
        "another annotation   | rule \"r\" @watch(\"x\") when $c : ClaimContext() then end                     | annotation @watch is not allowed",
        "salience expression  | rule \"r\" salience ($c.getKey()) when $c : ClaimContext() then end          | salience must be an integer literal",
        "query                | query \"q\" $c : ClaimContext() end                                      | query is not allowed",
        "declare              | declare Foo x : int end\\nrule \"r\" when $c : ClaimContext() then end        | declare is not allowed",
        "no ClaimContext first | rule \"r\" when $s : Stay() then end                                        | must start by matching its claim",
        "a stay not joined    | rule \"r\" when $c : ClaimContext( $k : key ) $s : Stay() then end           | must join its claim with the constraint key == $k",
        "no key bound         | rule \"r\" when $c : ClaimContext() $s : Stay( key == 1 ) then end           | binds its claim's key in the first",
        "a second claim       | rule \"r\" when $c : ClaimContext( $k : key ) $d : ClaimContext( key != $k ) then end | must join its claim",
        "or                   | rule \"r\" when $c : ClaimContext( $k : key ) (Stay( key == $k ) or Stay( key == $k )) then end | 'or' is not allowed",
        "a void call as a value | rule \"r\" when $c : ClaimContext() then boolean b = $c.note($c.msg(\"text\").with(\"x\")) == null; end | returns nothing: it can only stand as a statement",
        "an outcome in a condition | rule \"r\" when $c : ClaimContext( grant(\"TEST_BENEFIT\", money(\"amount\")) == null ) then end | grant(…) is not allowed in a condition",
        "package of the JDK   | rule \"r\" when $c : ClaimContext() then end                                | HEADER:java.util",
    })
    void refusesConstruct(String what, String body, String message) throws IOException {
        String header = message.startsWith("HEADER:") ? "package " + message.substring(7) + ";\n"
                + "import org.huzhu.api.ruleset.ClaimContext;\n" : HEADER + "import org.huzhu.api.ruleset.Stay;\n";
        String expected = message.startsWith("HEADER:") ? "is not allowed: name it huzhu" : message;
        TestRulesets.write(dir, header + body.replace("\\n", "\n") + "\n");
        assertThatThrownBy(() -> build(dir))
                .as(what)
                .isInstanceOf(RulesetException.class)
                .hasMessageContaining("rules/main.drl")
                .hasMessageContaining(expected);
    }

    @Test
    void namesTheLineOfTheRefusedStatementInALongConsequence() throws IOException {
        TestRulesets.write(dir, HEADER + "rule \"r\"\nwhen\n    $c : ClaimContext()\nthen\n\n    $c.note($c.msg(\"text\").with(\"a\"\n"
                + "        + \"b\"));\n    foo.bar();\nend\n");
        assertThatThrownBy(() -> build(dir))
                .isInstanceOf(RulesetRefusedException.class)
                .hasMessageContaining("rules/main.drl:10: 'foo' is not a bound fact");
    }

    @Test
    void refusesATextBlock() throws IOException {
        TestRulesets.write(dir, HEADER + "rule \"r\"\nwhen\n    $c : ClaimContext()\nthen\n    $c.note($c.msg(\"text\").with(\"\"\"\n"
                + "        hidden\"\"\"));\nend\n");
        assertThatThrownBy(() -> build(dir))
                .isInstanceOf(RulesetRefusedException.class)
                .hasMessageContaining("rules/main.drl:7")
                .hasMessageContaining("a text block is not allowed");
    }

    @Test
    void compilesExactlyTheCheckedTextSoACommentCannotHideCode() throws IOException {
        // The check prints the consequence back from its tree: a comment is gone, and what remains is checked.
        TestRulesets.write(dir, HEADER + "rule \"r\" @clause(\"第一条\")\nwhen\n    $c : ClaimContext()\nthen\n"
                + "    $c.grant(\"TEST_BENEFIT\", /* java.lang.Runtime.getRuntime().exec(\"x\") */ $c.money(\"amount\"));\nend\n");
        SubsidyEngine engine = build(dir);
        var claim = new org.huzhu.api.Claim("C", new org.huzhu.api.Member("M", null, true, false, null, null, null),
                java.time.LocalDate.of(2024, 1, 1), null, java.util.List.of(), null, null, null, null, null);
        var d = engine.evaluate(new org.huzhu.api.EvaluationRequest("test", claim, null));
        assertThat(d.benefits()).singleElement().satisfies(b -> {
            assertThat(b.amount()).isEqualByComparingTo("100");
            assertThat(b.clause()).isEqualTo("第一条");
        });
    }

    @Test
    void reportsACompileErrorWithFileAndLine() throws IOException {
        TestRulesets.write(dir, HEADER + "rule \"r\"\nwhen\n    $c : ClaimContext()\nthen\n    $c.noSuchMethod();\nend\n");
        assertThatThrownBy(() -> build(dir))
                .isInstanceOf(RulesetException.class)
                .hasMessageContaining("rules/main.drl")
                .hasMessageContaining("noSuchMethod() on ClaimContext is not allowed");
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
        SubsidyEngine engine = SubsidyEngine.builder().compileAtBuild(true).classpathRulesets(false)
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
        return SubsidyEngine.builder().compileAtBuild(true).classpathRulesets(false).addRulesetFolder(dir).build();
    }
}
