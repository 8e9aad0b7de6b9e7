package org.huzhu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate --format json} is made to be consumed: a total and the pending range, typed parameter values, a
 * schema version, and the same bytes for the same request whatever the engine instance or the machine's locale.
 */
class DecisionJsonTest {
    static final Path RULESETS = Path.of("..", "rulesets");
    static final Path CLAIMS = Path.of("..", "examples", "claims");
    /** Hunan above 300,000: a range for the committee, nothing granted. */
    static final String HUNAN_RANGE = """
            {"ruleset": "hunan",
             "claim": {"id": "HN-R", "claimDate": "2021-06-15",
               "member": {"id": "M-HN-05", "birthDate": "1966-09-30", "unionMember": true,
                          "enrolments": [{"scheme": "hunan", "from": "2021-01-01", "to": "2021-12-31"}]},
               "diagnosis": {"illnessCode": "MALIGNANT_TUMOUR", "firstDiagnosisDate": "2021-01-10"},
               "stays": [{"id": "S-1", "admissionDate": "2021-02-01", "dischargeDate": "2021-03-01", "coPay": 320000}]}}
            """;

    @TempDir
    Path dir;

    /** Runs the tool in a fresh instance (so a fresh engine) and returns its standard output. */
    static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Huzhu(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(0);
        return out.toString(StandardCharsets.UTF_8);
    }

    static String json(Path claim, String lang) {
        return run("evaluate", "--claim", claim.toString(), "--rulesets", RULESETS.toString(), "--format", "json",
                "--lang", lang);
    }

    static List<Path> exampleClaims() throws IOException {
        try (Stream<Path> files = Files.list(CLAIMS)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void aRangeUnderReviewIsThePendingRangeBesideTheTotal() throws IOException {
        Path claim = Files.writeString(dir.resolve("hunan-range.json"), HUNAN_RANGE);
        String raw = json(claim, "en");
        assertThat(raw).contains("\"total\" : 0.00,");
        JsonNode d = new ObjectMapper().readTree(raw);
        assertThat(d.get("schemaVersion").asText()).isEqualTo("1");
        assertThat(d.get("lang").asText()).isEqualTo("en");
        assertThat(d.get("total").decimalValue()).isEqualByComparingTo("0");
        assertThat(d.get("pendingRange").get("min").decimalValue()).isEqualByComparingTo("30000");
        assertThat(d.get("pendingRange").get("max").decimalValue()).isEqualByComparingTo("50000");

        String text = run("evaluate", "--claim", claim.toString(), "--rulesets", RULESETS.toString(), "--lang", "en");
        assertThat(text).contains("Total: 0.00 yuan, plus between 30,000.00 and 50,000.00 yuan, to be decided");
        String zh = run("evaluate", "--claim", claim.toString(), "--rulesets", RULESETS.toString(), "--lang", "zh");
        assertThat(zh).contains("合计：0.00元，另有金额在30,000.00至50,000.00元之间，待定");
    }

    @Test
    void aDecisionWithoutARangeHasATotalAndNoPendingRange() throws IOException {
        String raw = json(CLAIMS.resolve("wujin-2024-two-stays.json"), "en");
        assertThat(raw).contains("\"total\" : 6500.00,");
        JsonNode d = new ObjectMapper().readTree(raw);
        assertThat(d.has("pendingRange")).isFalse();
    }

    @Test
    void parameterValuesAreTyped() throws IOException {
        List<JsonNode> parameters = new ArrayList<>();
        for (Path claim : exampleClaims()) {
            JsonNode d = new ObjectMapper().readTree(json(claim, "en"));
            for (String outcomes : List.of("benefits", "rejections")) {
                d.get(outcomes).forEach(o -> o.get("parameters").forEach(parameters::add));
            }
        }
        assertThat(parameters).isNotEmpty().allSatisfy(p -> {
            assertThat(p.get("valueText").isTextual()).isTrue();
            switch (p.get("type").asText()) {
                case "money", "integer" -> assertThat(p.get("value").isNumber()).as(p.toString()).isTrue();
                case "rate" -> assertThat(p.get("value").decimalValue()).as(p.toString())
                        .isBetween(java.math.BigDecimal.ZERO, java.math.BigDecimal.ONE);
                case "codes" -> assertThat(p.get("value").isArray()).as(p.toString()).isTrue();
                case "bands", "tiers" -> assertThat(p.get("value")).as(p.toString()).allSatisfy(row -> {
                    assertThat(row.get("from").isNumber()).isTrue();
                    assertThat(row.get(p.get("type").asText().equals("bands") ? "amount" : "rate").isNumber())
                            .isTrue();
                });
                case "table" -> assertThat(p.has("key") ? p.get("value").isNumber() || p.get("value").isNull()
                        : p.get("value").isObject()).as(p.toString()).isTrue();
                default -> throw new AssertionError("unknown type " + p);
            }
        });
        assertThat(parameters).anySatisfy(p -> assertThat(p.get("type").asText()).isEqualTo("rate"));
        assertThat(parameters).anySatisfy(p -> assertThat(p.get("type").asText()).isIn("bands", "tiers"));
    }

    @Test
    void theSameRequestGivesTheSameBytesInAnyEngineAndAnyLocale() throws IOException {
        List<Path> claims = exampleClaims();
        assertThat(claims).hasSizeGreaterThanOrEqualTo(5);
        Locale before = Locale.getDefault();
        try {
            for (String lang : List.of("en", "zh")) {
                Locale.setDefault(Locale.ROOT);
                List<String> reference = claims.stream().map(c -> json(c, lang)).toList();
                for (Locale locale : List.of(Locale.ROOT, Locale.GERMANY, Locale.SIMPLIFIED_CHINESE,
                        Locale.forLanguageTag("ar-EG"), Locale.forLanguageTag("hi-IN-u-nu-deva"))) {
                    Locale.setDefault(locale);
                    for (int i = 0; i < claims.size(); i++) {
                        assertThat(json(claims.get(i), lang)).as(claims.get(i) + " in " + locale + ", " + lang)
                                .isEqualTo(reference.get(i));
                    }
                }
            }
        } finally {
            Locale.setDefault(before);
        }
    }
}
