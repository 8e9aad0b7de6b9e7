package org.huzhu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.huzhu.actuary.generate.PopulationGenerator;
import org.huzhu.actuary.generate.Shape;
import org.huzhu.actuary.population.Population;
import org.huzhu.actuary.population.PopulationWriter;
import org.huzhu.api.HospitalStay;
import org.huzhu.cli.CliUsageTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code huzhu generate}: the file, in the extension's format, holds exactly the Java API's population; standard
 * output holds JSON Lines and nothing else; the flags and a shape file change the shape; bad input is exit 2.
 */
class GenerateCommandTest {
    @TempDir
    Path dir;

    private static Run huzhu(String... args) {
        return CliUsageTest.huzhu(args);
    }

    /** The population the Java API generates for the same scheme, seed, claims and shape, written in a format. */
    private static byte[] expected(String scheme, Shape shape, long seed, long claims, Population.Format format) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PopulationWriter out = PopulationWriter.of(format, bytes)) {
            new PopulationGenerator(scheme, shape, seed).stream(claims).forEach(out::write);
        }
        return bytes.toByteArray();
    }

    @Test
    void writesTheApisPopulationInTheFormatOfTheExtension() throws IOException {
        for (String name : List.of("hunan.csv", "hunan.jsonl")) {
            Path out = dir.resolve(name);
            Run run = huzhu("generate", "--scheme", "hunan", "--claims", "1500", "--seed", "-12", "--out",
                    out.toString());
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).isEmpty();
            assertThat(Files.readAllBytes(out)).as(name).isEqualTo(expected("hunan", Shape.of("hunan"), -12, 1500,
                    Population.Format.of(out)));
            assertThat(run.err()).startsWith("huzhu generate: 1,500 claims of ").contains(" members of hunan 2021, "
                    + "seed -12, to " + out);
        }
    }

    @Test
    void dashWritesJsonLinesToStandardOutputAndNothingElse() {
        Run run = huzhu("generate", "--scheme", "quzhou", "--claims", "40", "--seed", "3", "--out", "-", "--quiet");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo(new String(expected("quzhou", Shape.of("quzhou"), 3, 40,
                Population.Format.JSON_LINES), StandardCharsets.UTF_8));
        assertThat(run.out().lines()).hasSize(40);
    }

    @Test
    void flagsAndAShapeFileChangeTheShape() throws IOException {
        Path shape = dir.resolve("shape.yaml");
        Files.writeString(shape, "stays: {notSettled: 0.3}\nclaims: {staysPerClaim: {mean: 2.0}}\n");
        Path out = dir.resolve("shaped.jsonl");
        Run run = huzhu("generate", "--scheme", "jinhua", "--year", "2013", "--claims", "300", "--seed", "8",
                "--shape", shape.toString(), "--not-settled", "1", "--self-pay-median", "900", "--self-pay-sigma",
                "0.5", "--claims-per-member", "2.5", "--out", out.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        Shape expected = Shape.of("jinhua", shape, Map.of("year", 2013, "stays.notSettled", 1.0,
                "stays.selfPay.median", new java.math.BigDecimal("900"), "stays.selfPay.sigma", 0.5,
                "claims.perMember.mean", 2.5));
        assertThat(expected.stays().notSettled()).isEqualTo(1.0);              // the flag over the file
        assertThat(expected.claims().staysPerClaim().mean()).isEqualTo(2.0);  // the file
        assertThat(Files.readAllBytes(out)).isEqualTo(expected("jinhua", expected, 8, 300,
                Population.Format.JSON_LINES));
        // With --not-settled 1, no stay is settled through MI; every claim in the 2013 protection year (phase 1).
        try (Population p = Population.open(out)) {
            p.forEachRemaining(e -> {
                assertThat(e.request().claim().claimDate()).isBetween(java.time.LocalDate.of(2013, 10, 1),
                        java.time.LocalDate.of(2014, 9, 30));
                assertThat(e.request().claim().stays()).noneMatch(HospitalStay::settledThroughMedicalInsurance);
            });
        }
    }

    @Test
    void badInputIsExit2NamingWhatIsWrong() throws IOException {
        Run unknown = huzhu("generate", "--scheme", "wujn", "--claims", "5", "--seed", "1", "--out", "-");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("'wujn' has no bundled shape", "wujin");
        assertThat(unknown.out()).isEmpty();

        Run year = huzhu("generate", "--scheme", "wujin", "--year", "2025", "--claims", "5", "--seed", "1", "--out",
                "-");
        assertThat(year.exit()).isEqualTo(2);
        assertThat(year.err()).contains("year", "2025", "2024..2024");

        Path shape = dir.resolve("typo.yaml");
        Files.writeString(shape, "stays:\n  notSetled: 0.2\n");
        Path out = dir.resolve("never.csv");
        Run typo = huzhu("generate", "--scheme", "wujin", "--claims", "5", "--seed", "1", "--shape", shape.toString(),
                "--out", out.toString());
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err()).contains(shape.toString(), "stays.notSetled", "unknown field");
        assertThat(out).doesNotExist();

        Run share = huzhu("generate", "--scheme", "wujin", "--claims", "5", "--seed", "1", "--not-settled", "1.2",
                "--out", "-");
        assertThat(share.exit()).isEqualTo(2);
        assertThat(share.err()).contains("stays.notSettled", "between 0 and 1");

        Run claims = huzhu("generate", "--scheme", "wujin", "--claims", "-1", "--seed", "1", "--out", "-");
        assertThat(claims.exit()).isEqualTo(2);
        assertThat(claims.err()).contains("--claims must be 0..999999999");

        Run extension = huzhu("generate", "--scheme", "wujin", "--claims", "5", "--seed", "1", "--out",
                dir.resolve("out.txt").toString());
        assertThat(extension.exit()).isEqualTo(2);
        assertThat(extension.err()).contains("out.txt", ".jsonl, .ndjson or .csv");
        assertThat(dir.resolve("out.txt")).doesNotExist();

        Run missing = huzhu("generate", "--scheme", "wujin", "--claims", "5", "--out", "-");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("--seed");
    }
}
