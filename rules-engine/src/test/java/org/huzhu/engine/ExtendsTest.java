package org.huzhu.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.huzhu.api.Benefit;
import org.huzhu.api.Claim;
import org.huzhu.api.Decision;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.Member;
import org.huzhu.api.RulesetException;
import org.huzhu.api.RulesetInfo;
import org.huzhu.api.SubsidyEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.huzhu.engine.internal.RulesetSource;

/** Issue 9 §1: versions that extend versions, and the canonical content hash that covers the base. */
class ExtendsTest {
    /** s@1, in force in 2020: FLAT pays {@code amount} (100), BONUS pays {@code bonus} (20). */
    static final String BASE_META = """
            scheme: s
            version: "1"
            name: {zh: 基础, en: Base}
            region: nowhere
            effective: {from: 2020-01-01, to: 2020-12-31}
            coverage: {requiresEnrolment: false}
            rounding: {scale: 2, mode: HALF_UP, description: "to the fen, half-up"}
            sources: [{document: the base's source}]
            benefits:
              FLAT: {zh: 定额, en: flat}
              BONUS: {zh: 奖励, en: bonus}
            """;
    static final String BASE_PARAMETERS = """
            amount:
              type: money
              description: the flat amount
              value: 100
              provenance: {label: seed, clause: 定额100元}
            bonus:
              type: money
              description: the bonus
              value: 20
              provenance: {label: assumed, why: a test}
            steps:
              type: tiers
              description: marginal rates
              lowerBound: exclusive
              value: [{from: 0, rate: 0.1}, {from: 1000, rate: 0.2}]
              provenance: {label: assumed, why: a test}
            """;
    static final String MAIN_DRL = """
            package huzhu.s.v1;
            import org.huzhu.api.ruleset.ClaimContext;

            rule "Pays the flat amount"
                @clause("flat")
            when
                $c : ClaimContext( $k : key )
            then
                $c.grant("FLAT", $c.money("amount"));
            end
            """;
    static final String BONUS_DRL = """
            package huzhu.s.v1;
            import org.huzhu.api.ruleset.ClaimContext;

            rule "Pays the bonus"
                @clause("bonus")
            when
                $c : ClaimContext( $k : key )
            then
                $c.grant("BONUS", $c.money("bonus"));
            end
            """;
    static final Member MEMBER = new Member("M1", LocalDate.of(1980, 1, 1), true, false, null, null, List.of());

    @TempDir
    Path dir;

    static void base(Path folder) throws IOException {
        write(folder, Map.of("ruleset.yaml", BASE_META, "parameters.yaml", BASE_PARAMETERS,
                "rules/main.drl", MAIN_DRL, "rules/bonus.drl", BONUS_DRL));
    }

    /** An extension {@code s@version} of {@code base}, in force from {@code from}, plus the given files. */
    static void extension(Path folder, String version, String base, String from, String extraMeta,
                          Map<String, String> files) throws IOException {
        Map<String, String> all = new LinkedHashMap<>(files);
        all.put("ruleset.yaml", """
                scheme: s
                version: "%s"
                extends: %s
                name: {zh: 扩展, en: Extension %s}
                effective: {from: %s%s}
                %s
                """.formatted(version, base, version, from, version.equals("3") ? "" : ", to: " + from.substring(0, 4)
                + "-12-31", extraMeta));
        write(folder, all);
    }

    static void write(Path folder, Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = folder.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
    }

    static SubsidyEngine engine(Path root) {
        return SubsidyEngine.builder().compileAtBuild(true).classpathRulesets(false).addRulesetFolder(root).build();
    }

    static Map<String, BigDecimal> paid(SubsidyEngine engine, String ruleset, LocalDate date) {
        Decision d = engine.evaluate(new EvaluationRequest(ruleset, Claim.ofStays("C1", MEMBER, date, List.of()),
                null, false));
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (Benefit b : d.benefits()) {
            out.put(b.kind(), b.amount());
        }
        return out;
    }

    static RulesetInfo info(SubsidyEngine engine, String id) {
        return engine.rulesets().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    static Map<String, String> parameterFrom(RulesetInfo info) {
        Map<String, String> out = new LinkedHashMap<>();
        info.parameters().forEach(p -> out.put(p.parameter().name() + "=" + p.parameter().valueText(), p.from()));
        return out;
    }

    static Map<String, String> ruleFileFrom(RulesetInfo info) {
        Map<String, String> out = new LinkedHashMap<>();
        info.ruleFiles().forEach(f -> out.put(f.path(), f.from()));
        return out;
    }

    static List<RulesetException> refusals(Path root) {
        List<RulesetException> refused = new ArrayList<>();
        SubsidyEngine.builder().compileAtBuild(true).classpathRulesets(false).addRulesetFolder(root).onRulesetError(refused::add).build();
        return refused;
    }

    private static final String OVERRIDE_AMOUNT = """
            amount:
              type: money
              value: 250
              provenance: {label: seed, clause: 定额提高到250元}
            """;

    // ---- parameters ---------------------------------------------------------------------------------

    @Test
    void anOverrideReplacesTheBaseFigureAndKeepsItsOwnProvenance() throws IOException {
        base(dir.resolve("s/1"));
        extension(dir.resolve("s/2"), "2", "s@1", "2021-01-01", "", Map.of("parameters.yaml", OVERRIDE_AMOUNT));
        SubsidyEngine engine = engine(dir);

        assertThat(paid(engine, "s", LocalDate.of(2020, 6, 1)))
                .isEqualTo(Map.of("FLAT", new BigDecimal("100.00"), "BONUS", new BigDecimal("20.00")));
        assertThat(paid(engine, "s", LocalDate.of(2021, 6, 1)))
                .isEqualTo(Map.of("FLAT", new BigDecimal("250.00"), "BONUS", new BigDecimal("20.00")));
        RulesetInfo two = info(engine, "s@2");
        assertThat(two.base()).isEqualTo("s@1");
        assertThat(parameterFrom(two)).containsExactly(Map.entry("amount=250", "s@2"), Map.entry("bonus=20", "s@1"),
                Map.entry("steps=[≥0→0.1, ≥1000→0.2]", "s@1"));
        var amount = two.parameters().get(0).parameter();
        assertThat(amount.provenance().clause()).isEqualTo("定额提高到250元");
        // Not given in the override: the base's description.
        assertThat(amount.description()).isEqualTo("the flat amount");
        assertThat(ruleFileFrom(two)).containsExactly(Map.entry("rules/bonus.drl", "s@1"),
                Map.entry("rules/main.drl", "s@1"));
        assertThat(two.ruleFiles().get(1).location()).isEqualTo(dir.resolve("s/1") + "/rules/main.drl");
        // Metadata the extension does not give is the base's; its own name and dates are its own.
        assertThat(two.rounding()).isEqualTo("to the fen, half-up");
        assertThat(two.sources()).containsExactly("the base's source");
        assertThat(two.nameEn()).isEqualTo("Extension 2");
        assertThat(two.effectiveFrom()).isEqualTo(LocalDate.of(2021, 1, 1));
        assertThat(info(engine, "s@1").base()).isNull();
    }

    @Test
    void anOverriddenTiersKeepsTheBaseLowerBoundUnlessGiven() throws IOException {
        base(dir.resolve("s/1"));
        extension(dir.resolve("s/2"), "2", "s@1", "2021-01-01", "", Map.of("parameters.yaml", """
                steps:
                  type: tiers
                  value: [{from: 0, rate: 0.3}]
                  provenance: {label: assumed, why: a test}
                """));
        var steps = info(engine(dir), "s@2").parameters().get(2).parameter();
        assertThat(steps.name()).isEqualTo("steps");
        assertThat(steps.lowerBoundInclusive()).isFalse();
    }

    @Test
    void anOverrideOfAParameterTheBaseLacksIsRefusedNamingItAndTheFile() throws IOException {
        base(dir.resolve("s/1"));
        extension(dir.resolve("s/2"), "2", "s@1", "2021-01-01", "", Map.of("parameters.yaml",
                OVERRIDE_AMOUNT.replace("amount:", "amout:")));
        assertThatThrownBy(() -> engine(dir)).isInstanceOf(RulesetException.class)
                .hasMessage(dir.resolve("s/2") + "/parameters.yaml amout: overrides parameter 'amout', which s@1 "
                        + "does not have; mark a parameter this version adds with new: true");
    }

    @Test
    void anOverrideOfAnotherTypeIsRefusedNamingItAndTheFile() throws IOException {
        base(dir.resolve("s/1"));
        extension(dir.resolve("s/2"), "2", "s@1", "2021-01-01", "", Map.of("parameters.yaml", """
                amount:
                  type: rate
                  value: 0.5
                  provenance: {label: assumed, why: a test}
                """));
        assertThatThrownBy(() -> engine(dir)).isInstanceOf(RulesetException.class)
                .hasMessage(dir.resolve("s/2") + "/parameters.yaml amount.type: overrides parameter 'amount' of s@1, "
                        + "which is money, with rate; an override keeps the type");
    }

    @Test
    void anOverrideWithoutProvenanceIsRefused() throws IOException {
        base(dir.resolve("s/1"));
        extension(dir.resolve("s/2"), "2", "s@1", "2021-01-01", "", Map.of("parameters.yaml", """
                amount: {type: money, value: 250}
                """));
        assertThatThrownBy(() -> engine(dir)).isInstanceOf(RulesetException.class)
                .hasMessageStartingWith(dir.resolve("s/2") + "/parameters.yaml amount.provenance: is required");
    }

    @Test
    void aNewParameterMustBeMarkedAndMustBeNew() throws IOException {
        base(dir.resolve("s/1"));
        extension(dir.resolve("s/2"), "2", "s@1", "2021-01-01", "", Map.of("parameters.yaml", """
                bonus:
                  new: true
                  type: money
                  description: a second bonus
                  value: 5
                  provenance: {label: assumed, why: a test}
                """));
        assertThatThrownBy(() -> engine(dir)).isInstanceOf(RulesetException.class)
                .hasMessageContaining("/parameters.yaml bonus: is marked new, but s@1 already has a parameter 'bonus'");
        // A version that extends nothing has nothing to mark new against.
        Files.writeString(dir.resolve("s/1/parameters.yaml"), BASE_PARAMETERS.replace("bonus:\n",
                "bonus:\n  new: true\n"));
        Files.delete(dir.resolve("s/2/parameters.yaml"));
        assertThatThrownBy(() -> engine(dir)).isInstanceOf(RulesetException.class)
                .hasMessageContaining("s/1/parameters.yaml bonus.new: only a version that extends another adds "
                        + "parameters");
    }

    // ---- rule files ---------------------------------------------------------------------------------

    @Test
    void ruleFilesAreAddedReplacedAndRemovedByName() throws IOException {
        base(dir.resolve("s/1"));
        extension(dir.resolve("s/2"), "2", "s@1", "2021-01-01", """
                removeRules: [rules/bonus.drl]
                benefits:
                  FLAT: {zh: 定额, en: flat}
                  EXTRA: {zh: 额外, en: extra}
                """, Map.of(
                "parameters.yaml", """
                        extra:
                          new: true
                          type: money
                          description: the extra amount
                          value: 7
                          provenance: {label: assumed, why: a test}
                        """,
                // Replaces the base's main.drl: FLAT is now amount + bonus.
                "rules/main.drl", """
                        package huzhu.s.v2;
                        import org.huzhu.api.ruleset.ClaimContext;

                        rule "Pays the flat amount and the bonus"
                            @clause("flat and bonus")
                        when
                            $c : ClaimContext( $k : key )
                        then
                            $c.grant("FLAT", $c.money("amount").add($c.money("bonus")));
                        end
                        """,
                "rules/extra.drl", """
                        package huzhu.s.v2;
                        import org.huzhu.api.ruleset.ClaimContext;

                        rule "Pays the extra"
                            @clause("extra")
                        when
                            $c : ClaimContext( $k : key )
                        then
                            $c.grant("EXTRA", $c.money("extra"));
                        end
                        """));
        SubsidyEngine engine = engine(dir);

        // 100 + 20 = 120 from the replaced file, 7 from the added one, no BONUS: its file is removed.
        assertThat(paid(engine, "s", LocalDate.of(2021, 6, 1)))
                .isEqualTo(Map.of("FLAT", new BigDecimal("120.00"), "EXTRA", new BigDecimal("7.00")));
        RulesetInfo two = info(engine, "s@2");
        assertThat(two.rules()).containsExactlyInAnyOrder("Pays the flat amount and the bonus", "Pays the extra");
        assertThat(ruleFileFrom(two)).containsExactly(Map.entry("rules/extra.drl", "s@2"),
                Map.entry("rules/main.drl", "s@2"));
        // The base itself is untouched.
        assertThat(paid(engine, "s", LocalDate.of(2020, 6, 1)))
                .isEqualTo(Map.of("FLAT", new BigDecimal("100.00"), "BONUS", new BigDecimal("20.00")));
    }

    @Test
    void removingARuleFileTheBaseDoesNotHaveIsRefusedNamingTheFile() throws IOException {
        base(dir.resolve("s/1"));
        extension(dir.resolve("s/2"), "2", "s@1", "2021-01-01", "removeRules: [rules/old.drl]", Map.of());
        assertThatThrownBy(() -> engine(dir)).isInstanceOf(RulesetException.class)
                .hasMessage(dir.resolve("s/2") + "/ruleset.yaml: removeRules: rules/old.drl is not a rule file of "
                        + "s@1 (its rule files: rules/bonus.drl, rules/main.drl)");
    }

    @Test
    void anExtensionThatReusesABaseRuleNameIsRefused() throws IOException {
        base(dir.resolve("s/1"));
        extension(dir.resolve("s/2"), "2", "s@1", "2021-01-01", "", Map.of("rules/again.drl",
                MAIN_DRL.replace("huzhu.s.v1", "huzhu.s.v2")));
        assertThatThrownBy(() -> engine(dir)).isInstanceOf(RulesetException.class)
                .hasMessageContaining("rule name 'Pays the flat amount' is used twice");
    }

    // ---- chains, cycles, missing bases ----------------------------------------------------------------

    @Test
    void aChainTakesEachFigureFromTheNearestVersionThatSetsIt() throws IOException {
        base(dir.resolve("s/1"));
        extension(dir.resolve("s/2"), "2", "s@1", "2021-01-01", "", Map.of("parameters.yaml", OVERRIDE_AMOUNT));
        extension(dir.resolve("s/3"), "3", "s@2", "2022-01-01", "", Map.of("parameters.yaml", """
                bonus:
                  type: money
                  value: 30
                  provenance: {label: assumed, why: a third version}
                """));
        SubsidyEngine engine = engine(dir);

        assertThat(paid(engine, "s", LocalDate.of(2022, 6, 1)))
                .isEqualTo(Map.of("FLAT", new BigDecimal("250.00"), "BONUS", new BigDecimal("30.00")));
        RulesetInfo three = info(engine, "s@3");
        assertThat(three.base()).isEqualTo("s@2");
        assertThat(parameterFrom(three)).containsExactly(Map.entry("amount=250", "s@2"),
                Map.entry("bonus=30", "s@3"), Map.entry("steps=[≥0→0.1, ≥1000→0.2]", "s@1"));
        assertThat(ruleFileFrom(three)).containsValues("s@1");
    }

    @Test
    void aCycleIsRefusedNamingEachFileInIt() throws IOException {
        base(dir.resolve("s/1"));
        extension(dir.resolve("s/2"), "2", "s@3", "2021-01-01", "", Map.of());
        extension(dir.resolve("s/3"), "3", "s@2", "2022-01-01", "", Map.of());
        extension(dir.resolve("s/4"), "4", "s@3", "2023-01-01", "", Map.of());

        List<RulesetException> refused = refusals(dir);
        assertThat(refused).extracting(RulesetException::getMessage).containsExactly(
                dir.resolve("s/2") + "/ruleset.yaml: extends s@3, which leads back to s@2: s@2 → s@3 → s@2",
                dir.resolve("s/3") + "/ruleset.yaml: extends s@2, which leads back to s@3: s@3 → s@2 → s@3",
                dir.resolve("s/4") + "/ruleset.yaml: extends s@3, whose bases form a cycle: s@3 → s@2 → s@3");
    }

    @Test
    void aMissingBaseIsRefusedNamingTheFile() throws IOException {
        base(dir.resolve("s/1"));
        extension(dir.resolve("s/2"), "2", "s@9", "2021-01-01", "", Map.of());
        assertThatThrownBy(() -> engine(dir)).isInstanceOf(RulesetException.class)
                .hasMessage(dir.resolve("s/2") + "/ruleset.yaml: extends s@9, which is not among the rulesets of "
                        + dir + " (a base is read from the same folder tree or classpath as its extension)");
    }

    @Test
    void aBaseOfAnotherSchemeIsRefused() throws IOException {
        base(dir.resolve("s/1"));
        extension(dir.resolve("s/2"), "2", "other@1", "2021-01-01", "", Map.of());
        assertThatThrownBy(() -> engine(dir)).isInstanceOf(RulesetException.class)
                .hasMessage(dir.resolve("s/2") + "/ruleset.yaml: extends: other@1 is a version of another scheme; "
                        + "a version may only extend a version of its own scheme (s@...)");
    }

    @Test
    void aBaseThatCannotLoadRefusesTheExtensionAtItsOwnFile() throws IOException {
        base(dir.resolve("s/1"));
        Files.writeString(dir.resolve("s/1/rules/main.drl"), MAIN_DRL.replace("$c.money(\"amount\")",
                "new java.math.BigDecimal(\"1\")"));
        extension(dir.resolve("s/2"), "2", "s@1", "2021-01-01", "", Map.of());
        List<RulesetException> refused = refusals(dir);
        assertThat(refused).hasSize(2);
        assertThat(refused.get(0).location()).startsWith(dir.resolve("s/1") + "/rules/main.drl:");
        assertThat(refused.get(1).location()).isEqualTo(dir.resolve("s/2") + "/ruleset.yaml");
        assertThat(refused.get(1).getMessage()).contains("extends s@1, whose rules are refused here: "
                + dir.resolve("s/1") + "/rules/main.drl:");
    }

    @Test
    void anExtensionMustGiveItsOwnName() throws IOException {
        base(dir.resolve("s/1"));
        write(dir.resolve("s/2"), Map.of("ruleset.yaml", """
                scheme: s
                version: "2"
                extends: s@1
                effective: {from: 2021-01-01}
                """));
        assertThatThrownBy(() -> engine(dir)).isInstanceOf(RulesetException.class)
                .hasMessageContaining("s/2/ruleset.yaml").hasMessageContaining("name");
    }

    @Test
    void aFolderVersionMayExtendABundledOneButABaseInItsOwnTreeComesFirst() throws IOException {
        // The "bundled" set stands in for the classpath: the rules-engine tests have no rulesets jar.
        Path bundledRoot = dir.resolve("bundled");
        base(bundledRoot.resolve("s/1"));
        Map<String, RulesetSource> bundled = RulesetSource.byId(RulesetSource.fromFolder(bundledRoot));
        Path drafts = dir.resolve("drafts");
        extension(drafts.resolve("s/2"), "2", "s@1", "2021-01-01", "", Map.of("parameters.yaml", OVERRIDE_AMOUNT));

        RulesetSource draft = RulesetSource.fromFolder(drafts, e -> {
            throw e;
        }, bundled).get(0);
        assertThat(draft.base().origin()).isEqualTo(bundledRoot.resolve("s/1").toString());

        base(drafts.resolve("s/1"));
        Files.writeString(drafts.resolve("s/1/parameters.yaml"), BASE_PARAMETERS.replace("value: 20", "value: 21"));
        List<RulesetSource> both = RulesetSource.fromFolder(drafts, e -> {
            throw e;
        }, bundled);
        RulesetSource linked = both.stream().filter(s -> s.rulesetId().equals("s@2")).findFirst().orElseThrow();
        assertThat(linked.base().origin()).isEqualTo(drafts.resolve("s/1").toString());
        RulesetInfo info = CompiledRuleset.load(linked).info;
        assertThat(parameterFrom(info)).containsEntry("bonus=21", "s@1");
    }

    // ---- the content hash ---------------------------------------------------------------------------

    @Test
    void crlfAndLfCheckoutsOfTheBundledExtensionsHashTheSame() throws IOException {
        Path lf = Path.of("..", "rulesets", "jinhua");
        Path crlf = dir.resolve("jinhua");
        try (Stream<Path> files = Files.walk(lf)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path to = crlf.resolve(lf.relativize(f).toString());
                Files.createDirectories(to.getParent());
                String text = Files.readString(f);
                assertThat(text).doesNotContain("\r");
                Files.writeString(to, text.replace("\n", "\r\n"));
            }
        }
        Map<String, String> lfHashes = new LinkedHashMap<>();
        engine(lf).rulesets().forEach(r -> lfHashes.put(r.id(), r.contentHash()));
        Map<String, String> crlfHashes = new LinkedHashMap<>();
        engine(crlf).rulesets().forEach(r -> crlfHashes.put(r.id(), r.contentHash()));
        assertThat(lfHashes).hasSize(3).isEqualTo(crlfHashes);
        assertThat(new java.util.HashSet<>(lfHashes.values())).hasSize(3);
    }

    @Test
    void aChangedBaseChangesTheHashOfItsExtensionsAndTheHashIsStable() throws IOException {
        base(dir.resolve("s/1"));
        extension(dir.resolve("s/2"), "2", "s@1", "2021-01-01", "", Map.of("parameters.yaml", OVERRIDE_AMOUNT));
        String before = info(engine(dir), "s@2").contentHash();
        assertThat(info(engine(dir), "s@2").contentHash()).isEqualTo(before);
        // A comment in the base changes no figure, but the hash covers what was loaded, byte for byte.
        Files.writeString(dir.resolve("s/1/rules/bonus.drl"), BONUS_DRL + "// a comment\n");
        SubsidyEngine changed = engine(dir);
        assertThat(info(changed, "s@2").contentHash()).isNotEqualTo(before);
        // The decision records the hash of the version that decided.
        Decision d = changed.evaluate(new EvaluationRequest("s", Claim.ofStays("C1", MEMBER,
                LocalDate.of(2021, 6, 1), List.of()), null, false));
        assertThat(d.rulesetHash()).isEqualTo(info(changed, "s@2").contentHash());
    }

    // ---- the bundled conversions --------------------------------------------------------------------

    @Test
    void theLaterBundledVersionsAreExtensionsWithoutCopiedRules() {
        SubsidyEngine engine = engine(Path.of("..", "rulesets"));
        assertThat(info(engine, "jinhua@phase2").base()).isEqualTo("jinhua@phase1");
        assertThat(info(engine, "jinhua@phase3").base()).isEqualTo("jinhua@phase2");
        assertThat(info(engine, "quzhou@2016").base()).isEqualTo("quzhou@2015");
        assertThat(ruleFileFrom(info(engine, "jinhua@phase2"))).containsExactly(
                Map.entry("rules/eligibility.drl", "jinhua@phase1"), Map.entry("rules/reimbursement.drl",
                        "jinhua@phase1"), Map.entry("rules/residents.drl", "jinhua@phase1"));
        assertThat(ruleFileFrom(info(engine, "jinhua@phase3"))).containsExactly(
                Map.entry("rules/eligibility.drl", "jinhua@phase1"), Map.entry("rules/reimbursement.drl",
                        "jinhua@phase1"), Map.entry("rules/residents.drl", "jinhua@phase3"));
        assertThat(ruleFileFrom(info(engine, "quzhou@2016"))).containsExactly(
                Map.entry("rules/reimbursement.drl", "quzhou@2015"));
        assertThat(parameterFrom(info(engine, "quzhou@2016"))).containsExactly(
                Map.entry("reimbursementTiers=[≥0→0.4, ≥5000→0.45, ≥10000→0.5]", "quzhou@2016"),
                Map.entry("minimumPayment=50", "quzhou@2016"));
        assertThat(parameterFrom(info(engine, "jinhua@phase3"))).containsExactly(
                Map.entry("deductibleRatio=50%", "jinhua@phase2"),
                Map.entry("proportionalCoPayTiers=[≥0→0.5, ≥5000→0.6, ≥10000→0.7]", "jinhua@phase2"),
                Map.entry("yearlyCap=30000", "jinhua@phase1"), Map.entry("workingAgeMin=16", "jinhua@phase3"),
                Map.entry("workingAgeMax=60", "jinhua@phase3"));
    }
}
