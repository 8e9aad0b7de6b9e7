package org.huzhu.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.huzhu.cli.ServeFixture.post;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code POST /v1/evaluate} answers what {@code huzhu evaluate --format json} prints for the same request, byte for
 * byte (the "curl == huzhu evaluate"), and refuses what the CLI refuses with the same code and message.
 */
class ServeEvaluateTest {
    static final String JSON = "application/json";
    static ServeServer server;

    @BeforeAll
    static void start() {
        server = ServeFixture.start(ServeFixture.limits());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> claimsAndLanguages() {
        return ServeFixture.exampleClaims().stream()
                .flatMap(c -> Stream.of(Arguments.of(c.getFileName().toString(), "zh"),
                        Arguments.of(c.getFileName().toString(), "en")));
    }

    @ParameterizedTest(name = "{0} --lang {1}")
    @MethodSource("claimsAndLanguages")
    void curlMatchesHuzhuEvaluate(String name, String lang) throws IOException {
        Path claim = ServeFixture.CLAIMS.resolve(name);
        ServeFixture.Run cli = ServeFixture.huzhu(null, "evaluate", "--claim", claim.toString(), "--rulesets",
                ServeFixture.RULESETS.toString(), "--format", "json", "--lang", lang);
        assertThat(cli.exit()).as(cli.err()).isZero();

        ServeFixture.Response http = post(server, "/v1/evaluate?lang=" + lang, JSON, Files.readAllBytes(claim));
        assertThat(http.status()).as(http.body()).isEqualTo(200);
        assertThat(http.contentType()).isEqualToIgnoringWhitespace("application/json;charset=utf-8");
        assertThat(http.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(cli.out());
        assertThat(http.json().get("lang").asText()).isEqualTo(lang);
    }

    @Test
    void withoutLangTheDecisionIsInChinese() throws IOException {
        Path claim = ServeFixture.CLAIMS.resolve("shaoxing-2015-stay-and-allowance.json");
        ServeFixture.Response http = post(server, "/v1/evaluate", JSON, Files.readAllBytes(claim));
        ServeFixture.Run cli = ServeFixture.huzhu(null, "evaluate", "--claim", claim.toString(), "--rulesets",
                ServeFixture.RULESETS.toString(), "--format", "json", "--lang", "zh");
        assertThat(http.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(cli.out());
        // Shaoxing pays 80% of 2,287.99 = 1,830.39, whole yuan, fractions dropped: 1,830; the kind in Chinese.
        JsonNode benefit = null;
        for (JsonNode b : http.json().get("benefits")) {
            benefit = b.get("kind").asText().equals("SECOND_REIMBURSEMENT") ? b : benefit;
        }
        assertThat(benefit.get("kindName").asText()).isEqualTo("二次报销");
        assertThat(benefit.get("amount").decimalValue()).isEqualByComparingTo("1830");
    }

    @Test
    void rulesetAndWhatIfParametersMatchTheOptions() {
        byte[] claim = WhatIfCliTest.CLAIM.getBytes(StandardCharsets.UTF_8);
        ServeFixture.Run cli = ServeFixture.huzhu(claim, "evaluate", "--claim", "-", "--rulesets",
                ServeFixture.RULESETS.toString(), "--format", "json", "--lang", "en", "--ruleset", "wujin@2024",
                "--what-if");
        assertThat(cli.exit()).as(cli.err()).isZero();
        ServeFixture.Response http = post(server, "/v1/evaluate?lang=en&ruleset=wujin@2024&whatIf=true", JSON, claim);
        assertThat(http.status()).as(http.body()).isEqualTo(200);
        assertThat(http.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(cli.out());
        assertThat(http.json().get("whatIf").asBoolean()).isTrue();
        // S1 alone counts (S-D is excluded): 12,000 falls in Wujin's band [10,000, 15,000), which pays 1,500.
        assertThat(http.json().get("total").decimalValue()).isEqualByComparingTo("1500");
    }

    static final String GOOD_MEMBER = "\"member\": {\"id\": \"M1\", \"enrolments\": [{\"scheme\": \"wujin\", "
            + "\"from\": \"2024-01-01\", \"to\": \"2024-12-31\"}]}";

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("a stay's co-pay is not an amount", 400, "INVALID_INPUT", "claim.stays[0].coPay",
                        ("{\"ruleset\": \"wujin\", \"claim\": {\"id\": \"C1\", \"claimDate\": \"2024-03-01\", "
                                + GOOD_MEMBER + ", \"stays\": [{\"admissionDate\": \"2024-03-01\", "
                                + "\"dischargeDate\": \"2024-03-02\", \"coPay\": \"abc\"}]}}")
                                .getBytes(StandardCharsets.UTF_8)),
                Arguments.of("a misspelt field", 400, "INVALID_INPUT", "claim.stayz",
                        ("{\"ruleset\": \"wujin\", \"claim\": {\"id\": \"C1\", \"claimDate\": \"2024-03-01\", "
                                + GOOD_MEMBER + ", \"stayz\": []}}").getBytes(StandardCharsets.UTF_8)),
                Arguments.of("GBK bytes", 400, "INVALID_INPUT", "not UTF-8",
                        "{\"ruleset\": \"wujin\", \"claim\": {\"id\": \"武进\"}}".getBytes(Charset.forName("GBK"))),
                Arguments.of("an empty body", 400, "INVALID_INPUT", "is empty", new byte[0]),
                Arguments.of("a scheme not loaded", 422, "UNKNOWN_RULESET", "unknown scheme 'nowhere'",
                        ("{\"ruleset\": \"nowhere\", \"claim\": {\"id\": \"C1\", \"claimDate\": \"2024-03-01\", "
                                + GOOD_MEMBER + "}}").getBytes(StandardCharsets.UTF_8)),
                Arguments.of("no version in force", 422, "NO_VERSION_IN_FORCE", "2030-03-01",
                        ("{\"ruleset\": \"wujin\", \"claim\": {\"id\": \"C1\", \"claimDate\": \"2030-03-01\", "
                                + GOOD_MEMBER + "}}").getBytes(StandardCharsets.UTF_8)),
                Arguments.of("a pinned version not in force", 422, "PINNED_VERSION_NOT_IN_FORCE",
                        "pinned version wujin@2024 (2024-01-01..2024-12-31) is not in force on the claim date 2023-12-20",
                        WhatIfCliTest.CLAIM.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badInputIsRefusedWithTheCodeAndMessageOfTheCli(String what, int status, String code, String mentions,
                                                       byte[] body) {
        ServeFixture.Response http = post(server, "/v1/evaluate?lang=en", JSON, body);
        assertThat(http.status()).as(http.body()).isEqualTo(status);
        JsonNode error = http.json().get("error");
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).contains(mentions);

        ServeFixture.Run cli = ServeFixture.huzhu(body, "evaluate", "--claim", "-", "--rulesets",
                ServeFixture.RULESETS.toString(), "--format", "json", "--lang", "en");
        assertThat(cli.exit()).isEqualTo(Huzhu.EXIT_INPUT);
        // The CLI names standard input <stdin> where the service names the body <body>; the rest is the same.
        assertThat(cli.err()).isEqualTo("huzhu: error: "
                + error.get("message").asText().replace(ServeServer.BODY, "<stdin>") + "\n");
        if (code.equals("INVALID_INPUT") && error.has("field")) {
            assertThat(error.get("message").asText()).startsWith(error.get("field").asText());
        }
    }

    @Test
    void badQueryParametersAreInvalidInputNamingTheParameter() throws IOException {
        byte[] claim = Files.readAllBytes(ServeFixture.CLAIMS.resolve("wujin-2024-two-stays.json"));
        ServeFixture.Response lang = post(server, "/v1/evaluate?lang=fr", JSON, claim);
        assertThat(lang.status()).isEqualTo(400);
        assertThat(lang.json().get("error").get("field").asText()).isEqualTo("lang");
        assertThat(lang.json().get("error").get("message").asText()).isEqualTo("lang: expected zh or en, got \"fr\"");
        ServeFixture.Response whatIf = post(server, "/v1/evaluate?whatIf=yes", JSON, claim);
        assertThat(whatIf.status()).isEqualTo(400);
        assertThat(whatIf.json().get("error").get("field").asText()).isEqualTo("whatIf");
    }

    @Test
    void aBodyThatIsNotJsonIs415AndAnUnknownRouteIs404AsJson() throws IOException {
        byte[] claim = Files.readAllBytes(ServeFixture.CLAIMS.resolve("wujin-2024-two-stays.json"));
        ServeFixture.Response form = post(server, "/v1/evaluate", "application/x-www-form-urlencoded", claim);
        assertThat(form.status()).isEqualTo(415);
        assertThat(form.json().get("error").get("code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        // No Content-Type at all is read as JSON.
        assertThat(post(server, "/v1/evaluate", null, claim).status()).isEqualTo(200);

        ServeFixture.Response none = ServeFixture.get(server, "/v2/evaluate");
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.json().get("error").get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(ServeFixture.get(server, "/v1/evaluate").status()).isEqualTo(404);   // GET of a POST route
    }

    @Test
    void aRequestPastItsTimeLimitIs503() throws IOException {
        // A limit of 1 ns has passed before the request reaches a worker: deterministic, and says which option.
        try (ServeServer hurried = ServeFixture.start(new ServeLimits(ServeLimits.MIB, ServeLimits.MIB, 10,
                Duration.ofNanos(1), Duration.ofSeconds(1), 1))) {
            ServeFixture.Response r = post(hurried, "/v1/evaluate", JSON,
                    Files.readAllBytes(ServeFixture.CLAIMS.resolve("wujin-2024-two-stays.json")));
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.json().get("error").get("code").asText()).isEqualTo("TIME_LIMIT");
            assertThat(r.json().get("error").get("message").asText()).contains("--time-limit");
        }
    }

    @Test
    void rulesetsAreListedAndShownAsTheCliWritesThem() {
        ServeFixture.Response list = ServeFixture.get(server, "/v1/rulesets");
        assertThat(list.status()).isEqualTo(200);
        JsonNode versions = list.json();
        // 8 schemes: Jinhua has 3 phases, Quzhou 2015 and 2016: 11 versions.
        assertThat(versions).hasSize(11);
        assertThat(versions.get(0).get("id").asText()).isEqualTo("changchun@2023");
        assertThat(versions.findValuesAsText("id")).contains("jinhua@phase3", "quzhou@2016", "wujin@2024");

        ServeFixture.Response show = ServeFixture.get(server, "/v1/rulesets/jinhua/phase3");
        ServeFixture.Run cli = ServeFixture.huzhu(null, "show", "jinhua@phase3", "--format", "json", "--rulesets",
                ServeFixture.RULESETS.toString());
        assertThat(show.status()).isEqualTo(200);
        assertThat(show.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(cli.out());
        assertThat(show.json().get("extends").asText()).isEqualTo("jinhua@phase2");
        // Each list entry is the show document without its parameters and rule files.
        JsonNode listed = versions.get(versions.findValuesAsText("id").indexOf("jinhua@phase3"));
        com.fasterxml.jackson.databind.node.ObjectNode summary =
                (com.fasterxml.jackson.databind.node.ObjectNode) show.json();
        summary.remove(java.util.List.of("parameters", "ruleFiles"));
        assertThat(listed).isEqualTo(summary);

        ServeFixture.Response missing = ServeFixture.get(server, "/v1/rulesets/jinhua/phase9");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error").get("code").asText()).isEqualTo("UNKNOWN_RULESET");
        assertThat(ServeFixture.get(server, "/health").json().get("rulesets").asInt()).isEqualTo(11);
    }
}
