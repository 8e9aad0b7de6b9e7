package org.huzhu.actuary.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.huzhu.actuary.simulate.BaseBand;
import org.huzhu.actuary.simulate.SimulationSummary;
import org.huzhu.actuary.simulate.SimulationSummary.BandFigures;
import org.huzhu.actuary.simulate.SimulationSummary.BandSide;
import org.huzhu.actuary.simulate.SimulationSummary.KindFigures;
import org.huzhu.actuary.simulate.SimulationSummary.KindSide;
import org.huzhu.actuary.simulate.SimulationSummary.Outcomes;
import org.huzhu.actuary.simulate.SimulationSummary.PayoutBin;
import org.huzhu.actuary.simulate.SimulationSummary.Payouts;
import org.huzhu.actuary.simulate.SimulationSummary.Pending;
import org.huzhu.actuary.simulate.SimulationSummary.ScenarioFigures;
import org.huzhu.api.Language;
import org.junit.jupiter.api.Test;

/**
 * The report as a file (on the module path, where ECharts' script is a resource of this module): the script inlined,
 * the headline figures formatted whatever the locale, and names from rulesets unable to close the script element.
 */
class HtmlReportTest {
    private static BigDecimal yuan(String amount) {
        return new BigDecimal(amount);
    }

    private static SimulationSummary summary(String kindName) {
        ScenarioFigures baseline = new ScenarioFigures("shaoxing@2015", "shaoxing@2015", List.of("a"), 3, 3, 0,
                Map.of(), yuan("1234567.80"), new Pending(0, yuan("0.00"), yuan("0.00")),
                new Payouts(yuan("411522.60"), yuan("1000.00"), yuan("1000.00"), yuan("1000.00"), yuan("1233567.80")));
        ScenarioFigures reform = new ScenarioFigures("<b>reform</b>", "shaoxing@2014", List.of("b"), 3, 3, 0,
                Map.of(), yuan("1000000.00"), new Pending(1, yuan("0.00"), yuan("500.00")),
                new Payouts(yuan("333333.33"), yuan("900.00"), yuan("900.00"), yuan("900.00"), yuan("998200.00")));
        return new SimulationSummary(3, 2, baseline, reform, yuan("-234567.80"), yuan("-19.00"),
                List.of(new PayoutBin(yuan("0.00"), yuan("0.00"), 0, 0),
                        new PayoutBin(yuan("500.00"), yuan("1000.00"), 1, 2)),
                List.of(new KindFigures("K", kindName, kindName, new KindSide(3, yuan("1234567.80"), 0),
                        new KindSide(3, yuan("1000000.00"), 1))),
                List.of(new BandFigures(BaseBand.NONE, new BandSide(3, yuan("1234567.80")),
                        new BandSide(3, yuan("1000000.00")), new Outcomes(0, 3, 0), new Outcomes(0, 2, 0))),
                new Outcomes(0, 3, 0), new Outcomes(0, 2, 0));
    }

    private static String report(SimulationSummary s, Language lang) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HtmlReport.write(s, lang, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void inlinesEchartsAndFormatsTheHeadline() {
        String html = report(summary("second reimbursement"), Language.EN);
        assertThat(html).contains("Licensed to the Apache Software Foundation", "echarts",
                "<td>Total cost, yuan</td><td>1,234,567.80</td><td>1,000,000.00</td><td>-234,567.80 (-19.00%)</td>",
                "<td>Under review, yuan (range)</td><td>0.00–0.00</td><td>0.00–500.00</td>",
                "<td>Members</td><td>0</td><td>2</td><td>0</td>");
        assertThat(html.length()).isGreaterThan(600_000);
        for (String chart : HtmlReport.CHARTS) {
            assertThat(html).contains("id=\"" + chart + "\"");
        }
    }

    @Test
    void namesCannotBreakOutOfTheScriptOrTheMarkup() {
        String html = report(summary("</script><script>alert(1)</script>"), Language.ZH);
        assertThat(html).doesNotContain("<script>alert(1)").contains("\\u003c/script\\u003e\\u003cscript\\u003e");
        assertThat(html).doesNotContain("<b>reform</b>").contains("&lt;b&gt;reform&lt;/b&gt;");
        assertThat(html).contains("<html lang=\"zh-CN\">", "总费用（元）");
    }
}
