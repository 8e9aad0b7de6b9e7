package org.huzhu.actuary.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.SubsidyEngine;
import org.huzhu.api.json.HuzhuJson;
import org.junit.jupiter.api.Test;

/**
 * The band a decision shows: the highest band or tier value in its benefits' explanations, on the bundled example
 * claims (README's "Simulation" rule), and the order of bands.
 */
class BaseBandTest {
    private static final SubsidyEngine ENGINE = SubsidyEngine.builder()
            .addRulesetFolder(Path.of("..", "rulesets")).build();

    private static String bandOf(String example) throws Exception {
        Path file = Path.of("..", "examples", "claims", example);
        EvaluationRequest request = HuzhuJson.read(Files.readAllBytes(file), EvaluationRequest.class,
                file.toString());
        return BaseBand.of(ENGINE.evaluate(request)).label();
    }

    @Test
    void theBandOrTierEachSchemeShows() throws Exception {
        // Wujin: the year's base 17,900 is in the band [15,000, 20,000).
        assertThat(bandOf("wujin-2024-two-stays.json")).isEqualTo("[15000, 20000)");
        // Quzhou: marginal tiers on 14,000: [0, 500), [500, 5000), [5000, 10000), [10000, ∞): the highest reached.
        assertThat(bandOf("quzhou-2015-tiers.json")).isEqualTo("[10000, ∞)");
        // Changchun: the stay's 20,000 is in the tier (10,000, 20,000], upper bound included.
        assertThat(bandOf("changchun-2023-inpatient-and-fire.json")).isEqualTo("(10000, 20000]");
        // Jinhua: the proportional co-pay of 9,000 runs through (0, 5000] into (5000, 10000].
        assertThat(bandOf("jinhua-phase3-resident.json")).isEqualTo("(5000, 10000]");
        // Hunan: the 12-month base 58,000 is in [50,000, 100,000).
        assertThat(bandOf("hunan-2020-care.json")).isEqualTo("[50000, 100000)");
        // Shaoxing pays one rate on every amount, Huai'an the part above 3,000: no band.
        assertThat(bandOf("shaoxing-2015-stay-and-allowance.json")).isEqualTo("none");
        assertThat(bandOf("huaian-2021-backstop.json")).isEqualTo("none");
        assertThat(BaseBand.of(null)).isEqualTo(BaseBand.NONE);
    }

    @Test
    void bandsOrderByLowerBoundThenInclusionThenUpperBound() {
        BaseBand none = BaseBand.NONE;
        BaseBand low = band("0", "1000", true);
        BaseBand fiveInclusive = band("5000", "10000", true);
        BaseBand fiveExclusive = band("5000", "10000", false);
        BaseBand top = band("100000", null, true);
        assertThat(none).isLessThan(low);
        assertThat(low).isLessThan(fiveInclusive);
        assertThat(fiveInclusive).isLessThan(fiveExclusive);
        assertThat(fiveExclusive).isLessThan(top);
        // The same lower bound and inclusion: by upper bound, none (∞) last; equal bounds at any scale are equal.
        assertThat(band("5000", "8000", true)).isLessThan(fiveInclusive);
        assertThat(fiveInclusive).isLessThan(band("5000", null, true));
        assertThat(band("5000", null, true)).isEqualByComparingTo(band("5000.0", null, true));
        assertThat(band("5000.00", "10000.0", false)).isEqualByComparingTo(fiveExclusive);
        assertThat(none).isEqualByComparingTo(BaseBand.NONE);
        assertThat(fiveExclusive).isGreaterThan(none);
        assertThat(band("15000.00", "20000.0", true)).isEqualTo(band("15000", "20000", true));
        assertThat(top.label()).isEqualTo("[100000, ∞)");
        assertThat(fiveExclusive.label()).isEqualTo("(5000, 10000]");
    }

    private static BaseBand band(String from, String to, boolean lowerInclusive) {
        return new BaseBand(new BigDecimal(from), to == null ? null : new BigDecimal(to), lowerInclusive);
    }
}
