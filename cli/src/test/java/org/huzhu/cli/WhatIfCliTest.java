package org.huzhu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code huzhu evaluate}: a pin outside its dates is refused; {@code --what-if} computes it and says so. */
class WhatIfCliTest {
    static final String WUJIN = Path.of("..", "rulesets", "wujin").toString();
    static final String CLAIM = """
            {"ruleset": "wujin@2024",
             "claim": {"id": "DEC", "claimDate": "2023-12-20",
                       "member": {"id": "M1", "enrolments": [{"scheme": "wujin", "from": "2023-01-01", "to": "2023-12-31"}]},
                       "stays": [{"id": "S1", "admissionDate": "2023-12-20", "dischargeDate": "2023-12-27", "coPay": 12000},
                                 {"id": "S-D", "admissionDate": "2023-12-01", "dischargeDate": "2023-12-03", "coPay": 500,
                                  "exclusions": ["DRUNKENNESS"]}]}}
            """;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new Huzhu(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    @Test
    void aPinOutsideItsDatesIsBadInput() throws IOException {
        Path claim = Files.writeString(dir.resolve("c.json"), CLAIM);
        assertThat(run("evaluate", "--claim", claim.toString(), "--rulesets", WUJIN)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("pinned version wujin@2024 (2024-01-01..2024-12-31) is not in force on the claim date "
                        + "2023-12-20");
    }

    @Test
    void whatIfInTextHasAWhatIfLineAndCodes() throws IOException {
        Path claim = Files.writeString(dir.resolve("c.json"), CLAIM);
        assertThat(run("evaluate", "--claim", claim.toString(), "--rulesets", WUJIN, "--what-if", "--lang", "en"))
                .isEqualTo(0);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("WHAT-IF: a simulation under wujin@2024")
                // S1 alone counts: 12,000 is in band [10,000, 15,000) → 1,500.
                .contains("INPATIENT_SUBSIDY: 1,500.00 yuan")
                .contains("INPATIENT_SUBSIDY (S-D): EXCLUSION_APPLIES — S-D is excluded: DRUNKENNESS")
                .contains("PINNED_VERSION_NOT_IN_FORCE: what-if: pinned version wujin@2024");
    }

    @Test
    void whatIfInJsonIsAField() throws IOException {
        Path claim = Files.writeString(dir.resolve("c.json"), CLAIM);
        assertThat(run("evaluate", "--claim", claim.toString(), "--rulesets", WUJIN, "--what-if", "--format", "json"))
                .isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"whatIf\" : true")
                .contains("\"code\" : \"PINNED_VERSION_NOT_IN_FORCE\"");
    }

    @Test
    void whatIfCanBeAskedInTheClaimFileToo() throws IOException {
        Path claim = Files.writeString(dir.resolve("c.json"), CLAIM.replaceFirst("\\{", "{\"whatIf\": true, "));
        assertThat(run("evaluate", "--claim", claim.toString(), "--rulesets", WUJIN, "--lang", "en")).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("WHAT-IF");
    }
}
