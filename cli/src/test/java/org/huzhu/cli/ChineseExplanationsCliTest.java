package org.huzhu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.huzhu.api.ReasonCode;
import org.huzhu.api.SubsidyEngine;
import org.huzhu.api.json.HuzhuJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * {@code huzhu evaluate --lang zh} on the example claim of every scheme ({@code examples/claims/}) prints Chinese
 * only, codes aside. Precisely: every run of ASCII letters, digits and {@code _ - @ . :} that holds a letter must be
 * (a) a code, upper case {@code [A-Z][A-Z0-9_]*} (reason codes, benefit kinds, illness, exclusion and table codes);
 * (b) an id the claim file gives (an {@code id} or {@code householdId} field); (c) the id of a document a parameter
 * cites, the first word of its provenance's source ({@code seeds/004}); (d) the ruleset id {@code scheme@version};
 * or (e) {@code sha256:} and the hash's hex. Any other Latin letter is untranslated text: parameter names are not
 * allowed, since every parameter has a Chinese display name.
 */
class ChineseExplanationsCliTest {
    static final Path EXAMPLES = Path.of("..", "examples", "claims");
    static final String RULESETS = Path.of("..", "rulesets").toString();
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_@.:\\-]*[A-Za-z][A-Za-z0-9_@.:\\-]*");
    private static final SubsidyEngine ENGINE = SubsidyEngine.builder().classpathRulesets(false)
            .addRulesetFolder(Path.of(RULESETS)).build();

    static Stream<Path> examples() throws IOException {
        return Files.list(EXAMPLES).filter(p -> p.toString().endsWith(".json")).sorted();
    }

    private static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Huzhu(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(0);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void thereIsAnExampleForEveryScheme() throws IOException {
        Set<String> schemes = new HashSet<>();
        for (Path p : examples().toList()) {
            schemes.add(HuzhuJson.mapper().readTree(p.toFile()).path("ruleset").asText().replaceAll("@.*", ""));
        }
        Set<String> all = new HashSet<>();
        ENGINE.rulesets().forEach(r -> all.add(r.scheme()));
        assertThat(schemes).isEqualTo(all);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void theChineseTextHasNoLatinLettersOutsideCodesIdsAndKeys(Path example) throws IOException {
        String text = run("evaluate", "--claim", example.toString(), "--rulesets", RULESETS, "--lang", "zh");
        assertThat(text).as("a benefit or a refusal").containsPattern("元\\n|不予支付：");
        JsonNode request = HuzhuJson.mapper().readTree(example.toFile());
        Set<String> allowed = new HashSet<>();
        ids(request, allowed);
        String scheme = request.path("ruleset").asText().replaceAll("@.*", "");
        ENGINE.rulesets().stream().filter(r -> r.scheme().equals(scheme)).forEach(r -> {
            allowed.add(r.id());
            r.parameters().forEach(p -> {
                String source = p.parameter().provenance().source();
                if (source != null) {
                    // seeds/004 is read as the tokens "seeds" and "004".
                    allowed.addAll(List.of(source.trim().split("[\\s,]+")[0].split("/")));
                }
            });
        });
        List<String> foreign = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            String t = m.group().replaceAll("[.:\\-]+$", "");
            boolean ok = t.matches("[A-Z][A-Z0-9_]*") || allowed.contains(t) || t.matches("sha256:[0-9a-f]{16}");
            if (!ok) {
                foreign.add(t);
            }
        }
        assertThat(foreign).as(text).isEmpty();
    }

    /** The rule itself: a sentence in English is caught. */
    @Test
    void theCheckCatchesEnglish() {
        Matcher m = TOKEN.matcher("  S-1：its co-pay → 计入40.00");
        List<String> tokens = new ArrayList<>();
        while (m.find()) {
            tokens.add(m.group());
        }
        assertThat(tokens).contains("its", "co-pay");
        assertThat(ReasonCode.NOT_ENROLLED.name()).matches("[A-Z][A-Z0-9_]*");
    }

    /**
     * Worked by hand for Shaoxing: 个人自理 = 自付 1,887.99 + 自费 400.00 = 2,287.99; × 80% = 1,830.392, shown as
     * 1,830.39; the ruleset keeps whole yuan, fractions dropped: 1,830.
     */
    @Test
    void shaoxingsSecondReimbursementReadsInChinese() {
        String text = run("evaluate", "--claim", EXAMPLES.resolve("shaoxing-2015-stay-and-allowance.json").toString(),
                "--rulesets", RULESETS, "--lang", "zh");
        assertThat(text).contains("二次报销（SECOND_REIMBURSEMENT）：1,830元\n"
                + "  S-1：住院，个人自理 = 自付1,887.99 + 自费400.00 → 计入2,287.99\n"
                + "  医保报销后个人自理 = 2,287.99\n"
                + "  个人自理：2,287.99 × 80% = 1,830.39\n"
                + "  1,830.39 → 1,830（保留0位小数，舍去尾数）\n");
    }

    /**
     * Wujin's example: the band step and the parameters name inpatientBands by its display name, and each parameter
     * shows its provenance (label, source) in the text and in full in the JSON.
     */
    @Test
    void parametersAreNamedInChineseWithTheirProvenance() throws IOException {
        String claim = EXAMPLES.resolve("wujin-2024-two-stays.json").toString();
        String text = run("evaluate", "--claim", claim, "--rulesets", RULESETS, "--lang", "zh");
        assertThat(text).contains("  17,900.00属于住院医疗费用补助金档次的[15,000.00, 20,000.00)档 → 2,000.00\n")
                .contains("  参数：\n    住院医疗费用补助金除外责任 = FRAUD, DRUNKENNESS")
                .contains("    未医保结算的核算比例 = 34%〔原文 seeds/004 五.1 注(1)〕\n")
                .doesNotContain("inpatientBands");
        JsonNode json = HuzhuJson.mapper().readTree(run("evaluate", "--claim", claim, "--rulesets", RULESETS,
                "--lang", "zh", "--format", "json"));
        JsonNode bands = null;
        for (JsonNode b : json.get("benefits")) {
            if (b.get("kind").asText().equals("INPATIENT_SUBSIDY")) {
                bands = b.get("parameters").get("inpatientBands");
            }
        }
        assertThat(bands).isNotNull();
        assertThat(bands.get("nameText").asText()).isEqualTo("住院医疗费用补助金档次");
        assertThat(bands.get("provenance").get("label").asText()).isEqualTo("seed");
        assertThat(bands.get("provenance").get("clause").asText()).startsWith("全年累计个人自理金额在1000元（含）");
        assertThat(bands.get("differsFromSource").asBoolean()).isFalse();
    }

    @Test
    void englishStaysAsCasesQuoteIt() {
        String text = run("evaluate", "--claim", EXAMPLES.resolve("shaoxing-2015-stay-and-allowance.json").toString(),
                "--rulesets", RULESETS, "--lang", "en");
        assertThat(text).contains("  个人自理: 2,287.99 × 80% = 1,830.39\n")
                .contains("  S-1: inpatient stay, 个人自理 = 自付 1,887.99 + 自费 400.00 → counts 2,287.99\n");
    }

    private static void ids(JsonNode node, Set<String> out) {
        node.fields().forEachRemaining(e -> {
            if ((e.getKey().equals("id") || e.getKey().equals("householdId")) && e.getValue().isTextual()) {
                out.add(e.getValue().asText());
            }
            ids(e.getValue(), out);
        });
        if (node.isArray()) {
            node.forEach(n -> ids(n, out));
        }
    }
}
