package org.huzhu.actuary.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.huzhu.api.EvaluationError;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.Exclusion;
import org.huzhu.api.HospitalStay;
import org.huzhu.api.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvPopulationTest {
    private static final String HEADER = "claim_id,row_type,ruleset,claim_date,member_id,union_member,enrolments,"
            + "stay_id,admission_date,discharge_date,co_pay,out_of_policy,stay_exclusions,payment_kind,payment_date,"
            + "payment_amount\n";
    /** A stay row of claim {@code id}: the claim-level columns as every test row repeats them. */
    private static final String STAY = "%s,stay,wujin,2024-03-04,M-1,true,wujin:2024-01-01..2024-12-31,%s,2024-03-04,"
            + "2024-03-14,%s,,,,,\n";

    private static List<PopulationEntry> read(String csv) {
        List<PopulationEntry> entries = new ArrayList<>();
        try (Population population = Population.csv(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                "claims.csv")) {
            population.forEachRemaining(entries::add);
        }
        return entries;
    }

    private static String stay(String claim, String stay, String coPay) {
        return STAY.formatted(claim, stay, coPay);
    }

    @Test
    void consecutiveRowsOfAClaimAreOneRequestWithItsStaysAndHistory() {
        List<PopulationEntry> entries = read(HEADER
                + stay("C-1", "S-1", "9000")
                + "C-1,stay,wujin,2024-03-04,M-1,true,wujin:2024-01-01..2024-12-31,S-2,2024-08-20,2024-08-23,10000,"
                + "250.5,DRUNKENNESS; fighting,,,\n"
                + "C-1,earlier_stay,wujin,2024-03-04,M-1,true,wujin:2024-01-01..2024-12-31,S-0,2024-01-15,2024-01-20,"
                + "2500,,,,,\n"
                + "C-1,payment,wujin,2024-03-04,M-1,true,wujin:2024-01-01..2024-12-31,,,,,,,INPATIENT_SUBSIDY,"
                + "2024-01-20,500\n"
                + stay("C-2", "S-1", "100"));

        assertThat(entries).hasSize(2);
        PopulationEntry first = entries.get(0);
        assertThat(first.where()).isEqualTo("claims.csv:2-5");
        assertThat(first.index()).isZero();
        EvaluationRequest r = first.request();
        assertThat(r.ruleset()).isEqualTo("wujin");
        assertThat(r.claim().member().unionMember()).isTrue();
        assertThat(r.claim().member().enrolments()).singleElement().satisfies(e -> {
            assertThat(e.scheme()).isEqualTo("wujin");
            assertThat(e.to()).isEqualTo(LocalDate.of(2024, 12, 31));
        });
        assertThat(r.claim().stays()).extracting(HospitalStay::id).containsExactly("S-1", "S-2");
        HospitalStay second = r.claim().stays().get(1);
        assertThat(second.outOfPolicy()).isEqualTo(new BigDecimal("250.5"));
        assertThat(second.exclusions()).isEqualTo(Set.of(Exclusion.DRUNKENNESS, Exclusion.FIGHTING));
        assertThat(r.history().earlierStays()).extracting(HospitalStay::id).containsExactly("S-0");
        assertThat(r.history().payments()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo("INPATIENT_SUBSIDY");
            assertThat(p.amount()).isEqualTo(new BigDecimal("500"));
        });
        assertThat(entries.get(1).where()).isEqualTo("claims.csv:6");
        assertThat(entries.get(1).index()).isEqualTo(1);
    }

    @Test
    void aBadValueIsItsClaimsErrorNamingLineAndColumnAndTheNextClaimStillReads() {
        List<PopulationEntry> entries = read(HEADER
                + stay("C-1", "S-1", "9000")
                + stay("C-1", "S-2", "abc")
                + stay("C-1", "S-3", "1")
                + stay("C-2", "S-1", "-5")
                + stay("C-3", "S-1", "12.345")
                + stay("C-4", "S-1", "7"));

        assertThat(entries).extracting(PopulationEntry::where)
                .containsExactly("claims.csv:2-4", "claims.csv:5", "claims.csv:6", "claims.csv:7");
        EvaluationError bad = entries.get(0).error();
        assertThat(bad.code()).isEqualTo(EvaluationError.Code.INVALID_INPUT);
        assertThat(bad.field()).isEqualTo("claims.csv:3: column co_pay");
        assertThat(bad.message()).isEqualTo(
                "claims.csv:3: column co_pay: expected an amount in yuan such as 1234.56, got \"abc\"");
        assertThat(entries.get(0).claimId()).isEqualTo("C-1");
        // The model's own bounds, named by the column that gave the value.
        assertThat(entries.get(1).error().message()).isEqualTo(
                "claims.csv:5: column co_pay: must not be negative, was -5");
        assertThat(entries.get(2).error().field()).isEqualTo("claims.csv:6: column co_pay");
        assertThat(entries.get(3).request().claim().stays().get(0).coPay()).isEqualTo(new BigDecimal("7"));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "C-1,stay,wujin,2024-03-04,M-1,true,,S-1,2024-03-04,2024-03-01,10,,,,, | column discharge_date: 2024-03-01 "
                    + "is before admissionDate 2024-03-04",
            "C-2,stay,wujin,2024-03-04,M-1,true,wujin:2024-12-31..2024-01-01,S-1,2024-03-04,2024-03-05,10,,,,, | column "
                    + "enrolments: enrolment \"wujin:2024-12-31..2024-01-01\": to: 2024-01-01 is before from 2024-12-31",
            "C-3,stay,wujin,2024-03-04,M-1,true,wujin:2024,S-1,2024-03-04,2024-03-05,10,,,,, | column enrolments: "
                    + "expected enrolments scheme:from..to such as wujin:2024-01-01..2024-12-31, several separated by ;,"
                    + " got \"wujin:2024\"",
            "C-4,stay,wujin,2024-03-04,M-1,true,,S-1,2024-03-04,2024-03-05,,,,,, | column co_pay: is required",
            "C-5,stay,wujin,2024-03-04,,true,,S-1,2024-03-04,2024-03-05,10,,,,, | column member_id: is required",
            "C-6,stay,wujin,2024-3-4,M-1,true,,S-1,2024-03-04,2024-03-05,10,,,,, | column claim_date: expected a date "
                    + "yyyy-MM-dd such as 2024-03-01, got \"2024-3-4\""})
    void aRecordsOwnCheckNamesTheColumnBehindIt(String row, String message) {
        assertThat(read(HEADER + row + "\n")).singleElement()
                .satisfies(e -> assertThat(e.error().message()).isEqualTo("claims.csv:2: " + message));
    }

    @Test
    void claimLevelColumnsMustAgreeAcrossAClaimsRows() {
        List<PopulationEntry> entries = read(HEADER
                + stay("C-1", "S-1", "9000")
                + "C-1,stay,wujin,2024-03-05,M-1,true,wujin:2024-01-01..2024-12-31,S-2,2024-03-04,2024-03-14,1,,,,,\n");

        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.where()).isEqualTo("claims.csv:2-3");
            assertThat(e.error().message()).isEqualTo("claims.csv:3: column claim_date: \"2024-03-05\" differs from "
                    + "\"2024-03-04\" on line 2; each row of a claim repeats its claim-level columns");
        });
    }

    @Test
    void aClaimIdThatReappearsAfterAnotherClaimIsAnError() {
        List<PopulationEntry> entries = read(HEADER
                + stay("C-1", "S-1", "1")
                + stay("C-2", "S-1", "2")
                + stay("C-1", "S-2", "3")
                + stay("C-1", "S-3", "4"));

        assertThat(entries).hasSize(3);
        assertThat(entries.get(0).request().claim().stays()).hasSize(1);
        assertThat(entries.get(1).request().claim().id()).isEqualTo("C-2");
        assertThat(entries.get(2).where()).isEqualTo("claims.csv:4-5");
        assertThat(entries.get(2).claimId()).isEqualTo("C-1");
        assertThat(entries.get(2).error().message()).startsWith(
                "claims.csv:4: column claim_id: claim C-1 appears again after other claims");
    }

    @Test
    void anUnclosedQuoteSpoilsOneLineOnlyAndTheLineJoinsItsClaimWhenItsIdCanBeRead() {
        List<PopulationEntry> entries = read(HEADER
                + stay("C-1", "S-1", "1")
                + "C-1,stay,wujin,2024-03-04,M-1,true,\"wujin:2024-01-01..2024-12-31,S-2,2024-03-04,2024-03-14,1,,,,,\n"
                + stay("C-1", "S-3", "1")
                + stay("C-2", "S-1", "2"));

        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).where()).isEqualTo("claims.csv:2-4");
        assertThat(entries.get(0).error().field()).isEqualTo("claims.csv:3");
        assertThat(entries.get(0).error().message()).startsWith(
                "claims.csv:3: not valid CSV: Missing closing quote for value");
        assertThat(entries.get(1).request().claim().id()).isEqualTo("C-2");
    }

    @Test
    void aLineWhoseClaimCannotBeReadIsItsOwnEntryOrPartOfTheClaimAroundIt() {
        String broken = "\"C-9,stay,wujin,2024-03-04,M-1,true,,S-1,2024-03-04,2024-03-14,1,,,,,\n";
        List<PopulationEntry> entries = read(HEADER
                + stay("C-1", "S-1", "1")
                + broken                              // line 3: between C-1 and C-2: its own entry
                + stay("C-2", "S-1", "2")
                + broken                              // line 5: C-2 goes on after it: C-2's
                + stay("C-2", "S-2", "3")
                + ",stay,wujin,2024-03-04,M-1,true,,S-1,2024-03-04,2024-03-14,1,,,,,\n"); // line 7: no claim id, last

        assertThat(entries).extracting(PopulationEntry::where)
                .containsExactly("claims.csv:2", "claims.csv:3", "claims.csv:4-6", "claims.csv:7");
        assertThat(entries).extracting(PopulationEntry::index).containsExactly(0L, 1L, 2L, 3L);
        assertThat(entries.get(0).failed()).isFalse();
        assertThat(entries.get(1).claimId()).isNull();
        assertThat(entries.get(1).error().message()).startsWith("claims.csv:3: not valid CSV");
        assertThat(entries.get(2).error().message()).startsWith("claims.csv:5: not valid CSV");
        assertThat(entries.get(3).error().message()).isEqualTo("claims.csv:7: column claim_id: is required");
    }

    @Test
    void rowsAreCheckedForTheirTypeAndWidth() {
        List<PopulationEntry> entries = read(HEADER
                + "C-1,payment,wujin,2024-03-04,M-1,true,,,,,100,,,INPATIENT_SUBSIDY,2024-01-20,500\n"
                + "C-2,stay,wujin,2024-03-04,M-1,true,,S-1,2024-03-04,2024-03-14,1\n"
                + "C-3,visit,wujin,2024-03-04,M-1,true,,S-1,2024-03-04,2024-03-14,1,,,,,\n"
                + "C-4,stay,wujin,2024-03-04,M-1,yes,,S-1,2024-03-04,2024-03-14,1,,,,,\n"
                + "C-5,stay,wujin,2024-03-04,M-1,true,,S-1,2024-03-04,2024-03-14,1,,NOT_A_CODE,,,\n");

        assertThat(entries).extracting(e -> e.error().message()).containsExactly(
                "claims.csv:2: column co_pay: must be blank on a row of type payment",
                "claims.csv:3: has 11 values, the header has 16 columns",
                "claims.csv:4: column row_type: expected one of stay, earlier_stay, payment, claim, got \"visit\"",
                "claims.csv:5: column union_member: expected true or false, got \"yes\"",
                "claims.csv:6: column stay_exclusions: expected exclusion codes separated by ;, each one of FRAUD, "
                        + "DRUNKENNESS, FIGHTING, INTENTIONAL_SELF_INJURY, SUICIDE, "
                        + "INTENTIONAL_CRIME_OR_RESISTING_ARREST, ILLEGAL_ACT, DRUNK_OR_UNLICENSED_DRIVING, "
                        + "CHECKUP_CONVALESCENCE_OR_REHABILITATION, COSMETIC_OR_ELECTIVE_SURGERY, "
                        + "REGISTERED_WITHOUT_STAYING, NOT_COVERED_BY_MEDICAL_INSURANCE, MISSING_OR_FALSE_DOCUMENTS, "
                        + "CONCEALED_OR_FORGED_HISTORY, MISDIAGNOSIS, got \"NOT_A_CODE\"");
        assertThat(entries).extracting(PopulationEntry::claimId).containsExactly("C-1", "C-2", "C-3", "C-4", "C-5");
    }

    @Test
    void blankLinesAndEmptyRowsAreSkippedAndQuotesByteOrderMarkAndCrLfAreRead() {
        List<PopulationEntry> entries = read("\uFEFF" + HEADER.replace("\n", "\r\n")
                + "\r\n"
                + ",,,,,,,,,,,,,,,\r\n"
                + "\"C,1\",stay,wujin,2024-03-04,M-1,true,,\"S \"\"one\"\"\",2024-03-04,2024-03-14, 12.50 ,,,,,\r\n");

        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.where()).isEqualTo("claims.csv:4");
            assertThat(e.request().claim().id()).isEqualTo("C,1");
            assertThat(e.request().claim().stays().get(0).id()).isEqualTo("S \"one\"");
            assertThat(e.request().claim().stays().get(0).coPay()).isEqualTo(new BigDecimal("12.50"));
        });
    }

    @Test
    void aClaimWithoutStaysIsOneClaimRow() {
        List<PopulationEntry> entries = read("ruleset,claim_id,claim_date,member_id,row_type,death_date,death_cause\n"
                + "shaoxing,SX-1,2015-06-01,M-1,claim,2015-06-01,illness\n");

        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.request().claim().stays()).isEmpty();
            assertThat(e.request().claim().death().cause()).isEqualTo(org.huzhu.api.Death.DeathCause.ILLNESS);
        });
    }

    @Test
    void theHeaderIsRefusedAtOpenNamingUnknownRepeatedAndMissingColumns() {
        assertThatThrownBy(() -> read("ruleset,claim_id,copay,member_id,co_pay,co_pay,\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("claims.csv:1: header: unknown columns copay, (an empty name at position 7)"
                        + " (the columns are: row_type, ruleset, what_if, claim_id,")
                .hasMessageEndingWith("; column co_pay given twice; missing required column claim_date");
        assertThatThrownBy(() -> read("\n\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("claims.csv: is empty: a CSV population starts with a header line");
    }

    @Test
    void theSampleIsTheSameClaimsAsCsvAndAsJsonLinesAndHoldsEveryExampleClaim() throws Exception {
        Path samples = Path.of("..", "examples", "populations");
        List<PopulationEntry> fromCsv = readAll(samples.resolve("claims.csv"));
        List<PopulationEntry> fromJsonLines = readAll(samples.resolve("claims.jsonl"));

        assertThat(fromCsv).hasSize(12).noneMatch(PopulationEntry::failed);
        assertThat(fromJsonLines).hasSize(12).noneMatch(PopulationEntry::failed);
        for (int i = 0; i < fromCsv.size(); i++) {
            assertThat(fromCsv.get(i).request()).as(fromCsv.get(i).where())
                    .isEqualTo(fromJsonLines.get(i).request());
        }
        assertThat(fromCsv.get(0).where()).endsWith("claims.csv:2-5");
        // Every bundled scheme's example claim, read from its own file, is among them.
        List<String> examples = List.of("wujin-2024-two-stays", "shaoxing-2015-stay-and-allowance",
                "quzhou-2015-tiers", "huaian-2021-backstop", "jinhua-phase3-resident",
                "changchun-2023-inpatient-and-fire", "hunan-2020-care", "huzhou-2015-critical-illness");
        for (int i = 0; i < examples.size(); i++) {
            Path file = Path.of("..", "examples", "claims", examples.get(i) + ".json");
            EvaluationRequest example = org.huzhu.api.json.HuzhuJson.read(java.nio.file.Files.readAllBytes(file),
                    EvaluationRequest.class, file.toString());
            assertThat(fromCsv.get(i).request()).as(file.toString()).isEqualTo(example);
        }
    }

    private static List<PopulationEntry> readAll(Path file) {
        List<PopulationEntry> entries = new ArrayList<>();
        try (Population population = Population.open(file)) {
            population.forEachRemaining(entries::add);
        }
        return entries;
    }

    @Test
    void fingerprintsTellIdsApartAndGrowWithoutLosingAny() {
        CsvPopulation.ClaimIdFingerprints seen = new CsvPopulation.ClaimIdFingerprints();
        for (int i = 0; i < 20_000; i++) {
            assertThat(seen.add("C-" + i)).isTrue();
        }
        for (int i = 0; i < 20_000; i += 997) {
            assertThat(seen.add("C-" + i)).as("C-" + i).isFalse();
        }
        assertThat(seen.add("C-20000")).isTrue();
    }
}
