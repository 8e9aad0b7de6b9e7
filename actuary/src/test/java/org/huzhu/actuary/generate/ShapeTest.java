package org.huzhu.actuary.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.huzhu.api.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shapes in layers: defaults, the scheme's shape, a file, single overrides; checked as a whole, errors naming the key. */
class ShapeTest {
    @TempDir
    Path dir;

    private Path file(String yaml) throws IOException {
        Path f = dir.resolve("shape.yaml");
        Files.writeString(f, yaml, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void aSchemesShapeChangesOnlyTheKeysItGives() {
        Shape wujin = Shape.of("wujin");
        assertThat(wujin.year()).isEqualTo(2024);
        assertThat(wujin.yearStart()).isEqualTo(LocalDate.of(2024, 1, 1));
        assertThat(wujin.yearEnd()).isEqualTo(LocalDate.of(2024, 12, 31));
        assertThat(wujin.stays().notSettled()).isEqualTo(0.10);               // wujin.yaml
        assertThat(wujin.stays().selfPay().median()).isEqualByComparingTo("6000");   // default.yaml
        assertThat(wujin.events().criticalIllness().listed()).hasSize(30);
        // default.yaml's unlisted codes stay, since wujin.yaml names none.
        assertThat(wujin.events().criticalIllness().unlisted()).contains("TYPE_2_DIABETES");

        Shape jinhua = Shape.of("jinhua");
        assertThat(jinhua.yearStart()).isEqualTo(LocalDate.of(2015, 10, 1));
        assertThat(jinhua.yearEnd()).isEqualTo(LocalDate.of(2016, 9, 30));
    }

    @Test
    void aShapeFileMergesKeyByKeyAndReplacesLists() throws IOException {
        Path f = file("""
                stays:
                  selfPay: {median: 8000}
                  liabilityShares: [0.5]
                members:
                  ages: [{from: 30, to: 30, share: 1.0}]
                """);
        Shape shape = Shape.of("wujin", f, Map.of());
        assertThat(shape.stays().selfPay().median()).isEqualByComparingTo("8000");
        assertThat(shape.stays().selfPay().sigma()).isEqualTo(1.0);            // kept from default.yaml
        assertThat(shape.stays().notSettled()).isEqualTo(0.10);               // kept from wujin.yaml
        assertThat(shape.stays().liabilityShares()).containsExactly(new BigDecimal("0.5"));
        assertThat(shape.members().ages()).hasSize(1);
    }

    @Test
    void overridesComeLastInTheirOrder() throws IOException {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("stays.notSettled", 0.5);
        overrides.put("claims.perMember.mean", 2.0);
        overrides.put("stays.selfPay.median", new BigDecimal("7000"));
        Shape shape = Shape.of("wujin", file("stays: {notSettled: 0.2, selfPay: {median: 9000}}"), overrides);
        assertThat(shape.stays().notSettled()).isEqualTo(0.5);
        assertThat(shape.claims().perMember().mean()).isEqualTo(2.0);
        assertThat(shape.claims().perMember().max()).isEqualTo(12);
        assertThat(shape.stays().selfPay().median()).isEqualByComparingTo("7000");
    }

    @Test
    void anUnknownKeyIsAnErrorNamingItsPathAndTheFile() throws IOException {
        Path f = file("stays:\n  selfPay: {medain: 8000}\n");
        assertThatThrownBy(() -> Shape.of("wujin", f, Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("stays.selfPay.medain")
                .hasMessageContaining("unknown field");
    }

    @Test
    void aValueOutOfRangeIsAnErrorNamingItsPath() throws IOException {
        assertThatThrownBy(() -> Shape.of("wujin", file("stays: {selfPay: {sigma: -1}}"), Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("stays.selfPay.sigma")
                .hasMessageContaining("must be 0..5, was -1.0");
        assertThatThrownBy(() -> Shape.of("wujin", null, Map.of("stays.notSettled", 1.5)))
                .hasMessageContaining("stays.notSettled").hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> Shape.of("wujin", file("members: {ages: [{from: 20, to: 29, share: 0.5}]}"),
                Map.of())).hasMessageContaining("members.ages").hasMessageContaining("sum to 1, sum to 0.5");
        assertThatThrownBy(() -> Shape.of("wujin", file("events: {workInjury: {grades: [1.0]}}"), Map.of()))
                .hasMessageContaining("events.workInjury.grades").hasMessageContaining("must list 10 shares");
        assertThatThrownBy(() -> Shape.of("wujin", file("coverage: {yearStarts: \"13-01\"}"), Map.of()))
                .hasMessageContaining("coverage.yearStarts").hasMessageContaining("13-01");
        assertThatThrownBy(() -> Shape.of("wujin", file("stays: {exclusions: {share: 0.1, codes: [DRUNK]}}"),
                Map.of())).hasMessageContaining("stays.exclusions.codes");
        assertThatThrownBy(() -> Shape.of("changchun", file("events: {accidentInjury: {listed: [FEMUR]}}"),
                Map.of())).hasMessageContaining("events.accidentInjury.listed")
                .hasMessageContaining("BODY_PART/SEVERITY");
        assertThatThrownBy(() -> Shape.of("wujin", file("claims: {perMember: {max: 40}, staysPerClaim: {max: 10}}"),
                Map.of())).hasMessageContaining("claims").hasMessageContaining("400; at most 360");
    }

    @Test
    void aYearOutsideTheSchemesCoverageYearsIsRefused() {
        assertThatThrownBy(() -> Shape.of("wujin", null, Map.of("year", 2023)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("year").hasMessageContaining("2023").hasMessageContaining("2024..2024");
        assertThat(Shape.of("jinhua", null, Map.of("year", 2013)).yearStart()).isEqualTo(LocalDate.of(2013, 10, 1));
        assertThatThrownBy(() -> Shape.of("jinhua", null, Map.of("year", 2016))).hasMessageContaining("2013..2015");
        // Open-ended: any later year.
        assertThat(Shape.of("shaoxing", null, Map.of("year", 2030)).year()).isEqualTo(2030);
    }

    @Test
    void aSchemeWithoutABundledShapeNeedsAFileGivingItsYear() throws IOException {
        assertThatThrownBy(() -> Shape.of("qingshan"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'qingshan' has no bundled shape");
        assertThatThrownBy(() -> Shape.of("qingshan", file("stays: {notSettled: 0.1}"), Map.of()))
                .hasMessageContaining("year").hasMessageContaining("is required");
        Shape own = Shape.of("qingshan", file("year: 2025\ncoverage: {yearStarts: \"07-01\"}\n"), Map.of());
        assertThat(own.yearStart()).isEqualTo(LocalDate.of(2025, 7, 1));
        assertThat(own.coverage().enrolment()).isTrue();                      // default.yaml
        assertThat(own.events().criticalIllness().share()).isZero();
    }

    @Test
    void aFileThatIsNotAMappingOrNotThereIsAnError() throws IOException {
        assertThatThrownBy(() -> Shape.of("wujin", file("- 1\n- 2\n"), Map.of())).hasMessageContaining("mapping");
        assertThatThrownBy(() -> Shape.of("wujin", dir.resolve("none.yaml"), Map.of()))
                .hasMessageContaining("none.yaml").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> Shape.of("wujin", file("stays: {notSettled: 0.1}\nstays: {notSettled: 0.2}\n"),
                Map.of())).hasMessageContaining("appears twice");
    }

    @Test
    void theExampleShapeFileChangesWhatItSays() {
        Shape shape = Shape.of("wujin", Path.of("..", "examples", "populations", "wujin-shape.yaml"), Map.of());
        assertThat(shape.members().ages()).extracting(Shape.AgeBand::from).containsExactly(40, 50, 60);
        assertThat(shape.claims().perMember().mean()).isEqualTo(2.0);
        assertThat(shape.claims().perMember().max()).isEqualTo(12);
        assertThat(shape.stays().selfPay().median()).isEqualByComparingTo("9000");
        assertThat(shape.stays().selfPay().sigma()).isEqualTo(1.2);
        assertThat(shape.stays().notSettled()).isEqualTo(0.15);
        assertThat(shape.events().criticalIllness().share()).isEqualTo(0.05);   // wujin.yaml, untouched
    }

    @Test
    void everyBundledShapeLoads() {
        for (String scheme : Shape.bundledSchemes()) {
            assertThat(Shape.of(scheme).year()).as(scheme).isNotNull();
        }
    }

    @Test
    void theReadmeShowsTheDefaultShapeAsItIs() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        String shape;
        try (InputStream in = Shape.class.getResourceAsStream("default.yaml")) {
            shape = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(readme).contains("```yaml\n" + shape + "```\n");
    }
}
