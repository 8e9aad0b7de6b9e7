package org.huzhu.actuary.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.huzhu.actuary.simulate.SimulationSummary;
import org.huzhu.actuary.simulate.SimulationSummary.BandFigures;
import org.huzhu.actuary.simulate.SimulationSummary.KindFigures;
import org.huzhu.actuary.simulate.SimulationSummary.Outcomes;
import org.huzhu.actuary.simulate.SimulationSummary.PayoutBin;
import org.huzhu.actuary.simulate.SimulationSummary.Payouts;
import org.huzhu.actuary.simulate.SimulationSummary.ScenarioFigures;
import org.huzhu.api.Language;

/**
 * A simulation's report: one HTML file that opens offline, with the headline figures in a table and five charts
 * (cost side by side, claims by payout under both, winners and losers by the baseline's band per claim and per member,
 * cost by benefit kind) drawn in the browser by Apache ECharts 5.3.1, whose script is inlined (from the WebJar
 * {@code org.webjars.npm:echarts}, unpacked into this module's jar by the build). The charts do not animate, so a
 * page printed or captured right after loading shows them whole; each chart's element gets {@code data-painted}, the
 * number of pixels its canvas painted, once drawn (what the browser check reads). Labels in Chinese or English.
 */
public final class HtmlReport {
    /** The ECharts build inlined: line, bar, pie and scatter with the common components (650 KB). */
    static final String ECHARTS = "echarts.common.min.js";
    /** The ids of the charts' elements, in the page's order. */
    public static final List<String> CHARTS = List.of("chart-cost", "chart-distribution", "chart-band-claims",
            "chart-band-members", "chart-kinds");

    /**
     * Series colours: the baseline and the reform in ECharts' first two palette colours, winners green, losers red,
     * unchanged grey (the browser check looks for each).
     */
    public static final String BASELINE = "#5470c6";
    public static final String REFORM = "#91cc75";
    public static final String WINNERS = "#3ba272";
    public static final String LOSERS = "#ee6666";
    public static final String UNCHANGED = "#c8c8c8";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final SimulationSummary s;
    private final Language lang;

    private HtmlReport(SimulationSummary summary, Language lang) {
        this.s = summary;
        this.lang = lang;
    }

    /** Writes the report (UTF-8) to {@code out}, leaving it open. */
    public static void write(SimulationSummary summary, Language lang, OutputStream out) {
        try {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            new HtmlReport(summary, lang).page(w);
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String t(String en, String zh) {
        return lang == Language.ZH ? zh : en;
    }

    private void page(Writer w) throws IOException {
        ScenarioFigures b = s.baseline();
        ScenarioFigures r = s.reform();
        String title = t("Simulation: ", "模拟测算：") + b.name() + t(" (baseline) vs ", "（基准）对比 ") + r.name();
        w.write("<!DOCTYPE html>\n<html lang=\"" + t("en", "zh-CN") + "\">\n<head>\n<meta charset=\"utf-8\">\n");
        w.write("<title>" + html(title) + "</title>\n<style>\n");
        w.write("body{font-family:system-ui,-apple-system,'PingFang SC','Noto Sans CJK SC','Microsoft YaHei',"
                + "sans-serif;margin:24px;color:#222;max-width:1000px}\n"
                + "table{border-collapse:collapse;margin:12px 0}td,th{border:1px solid #ccc;padding:4px 10px;"
                + "text-align:right}th:first-child,td:first-child{text-align:left}\n"
                + ".chart{width:960px;height:380px;margin:16px 0;border:1px solid #eee}\n"
                + "p.note{color:#555;font-size:90%}\n</style>\n</head>\n<body>\n");
        w.write("<h1>" + html(title) + "</h1>\n");
        w.write("<p>" + html(t("Claims: ", "申请数：") + count(s.claims()) + t(", members: ", "，会员数：")
                + count(s.members())) + "</p>\n");
        headline(w, b, r);
        for (String id : CHARTS) {
            w.write("<div class=\"chart\" id=\"" + id + "\"></div>\n");
        }
        w.write("<p class=\"note\">" + html(t(
                "Payout: the sum of a claim's fixed amounts (ranges under review are counted apart). Percentiles are "
                        + "nearest-rank over the decided claims; the mean is the cost divided by the claims decided, "
                        + "rounded half-even to the fen. A winner is paid more under " + r.name() + " than under "
                        + b.name() + ", a loser less. Bands are the baseline's (README, \"Simulation\").",
                "补助金额：一笔申请的确定金额之和（待评审的金额区间另计）。百分位数按已决申请取最近秩；平均数为总费用除以已决申请数，"
                        + "按银行家舍入到分。得益指" + r.name() + "下比" + b.name() + "下多得，受损指少得。档次为基准方案的档次"
                        + "（见README“Simulation”）。")) + "</p>\n");
        w.write("<p class=\"note\">" + html(t("Charts drawn by Apache ECharts 5.3.1 (Apache License 2.0), inlined.",
                "图表由 Apache ECharts 5.3.1（Apache License 2.0）绘制，已内嵌于本文件。")) + "</p>\n");
        w.write("<script>\n");
        try (InputStream js = HtmlReport.class.getResourceAsStream(ECHARTS)) {
            if (js == null) {
                throw new IllegalStateException(ECHARTS + " is missing from the actuary jar (the build unpacks it "
                        + "from org.webjars.npm:echarts)");
            }
            // The script is ASCII; written through as it is.
            w.write(new String(js.readAllBytes(), StandardCharsets.UTF_8));
        }
        w.write("\n</script>\n<script>\n");
        ObjectNode options = NODES.objectNode();
        options.set("chart-cost", costChart());
        options.set("chart-distribution", distributionChart());
        options.set("chart-band-claims", bandChart(BandFigures::claims, t("Claims: winners and losers by the "
                + "baseline's band", "按基准档次的得益与受损（按申请）")));
        options.set("chart-band-members", bandChart(BandFigures::members, t("Members: winners and losers by the "
                + "baseline's band", "按基准档次的得益与受损（按会员）")));
        options.set("chart-kinds", kindChart());
        w.write("var huzhuCharts = " + script(JSON.writeValueAsString(options)) + ";\n");
        w.write("""
                Object.keys(huzhuCharts).forEach(function (id) {
                  var el = document.getElementById(id);
                  var chart = echarts.init(el, null, {renderer: 'canvas'});
                  chart.on('finished', function () {
                    var canvas = el.querySelector('canvas');
                    var data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                    var painted = 0;
                    for (var i = 3; i < data.length; i += 4) { if (data[i] !== 0) { painted++; } }
                    el.setAttribute('data-painted', String(painted));
                  });
                  chart.setOption(huzhuCharts[id]);
                });
                </script>
                </body>
                </html>
                """);
    }

    private void headline(Writer w, ScenarioFigures b, ScenarioFigures r) throws IOException {
        w.write("<table>\n<tr><th></th><th>" + html(b.name()) + t(" (baseline)", "（基准）") + "</th><th>"
                + html(r.name()) + "</th><th>" + t("change", "变化") + "</th></tr>\n");
        String percent = s.deltaPercent() == null ? "" : " (" + signed(s.deltaPercent()) + "%)";
        row(w, t("Total cost, yuan", "总费用（元）"), money(b.cost()), money(r.cost()),
                signedMoney(s.delta()) + percent);
        row(w, t("Claims decided", "已决申请"), count(b.decided()), count(r.decided()), "");
        row(w, t("Errors", "错误"), count(b.errors()), count(r.errors()), "");
        Function<Function<Payouts, BigDecimal>, String[]> payout = f -> new String[] {
                b.payouts() == null ? "" : money(f.apply(b.payouts())),
                r.payouts() == null ? "" : money(f.apply(r.payouts()))};
        String[][] figures = {payout.apply(Payouts::mean), payout.apply(Payouts::p50), payout.apply(Payouts::p90),
                payout.apply(Payouts::p99), payout.apply(Payouts::max)};
        String[] names = {t("Mean payout", "平均补助"), t("Median (p50)", "中位数（p50）"), t("p90", "p90"),
                t("p99", "p99"), t("Largest payout", "最高补助")};
        for (int i = 0; i < names.length; i++) {
            row(w, names[i], figures[i][0], figures[i][1], "");
        }
        if (b.pending().claims() > 0 || r.pending().claims() > 0) {
            row(w, t("Under review, yuan (range)", "待评审金额区间（元）"),
                    money(b.pending().min()) + "–" + money(b.pending().max()),
                    money(r.pending().min()) + "–" + money(r.pending().max()), "");
        }
        w.write("</table>\n<table>\n<tr><th></th><th>" + t("winners", "得益") + "</th><th>" + t("losers", "受损")
                + "</th><th>" + t("unchanged", "不变") + "</th></tr>\n");
        outcomeRow(w, t("Claims (decided under both)", "申请（两方案均已决）"), s.claimOutcomes());
        outcomeRow(w, t("Members", "会员"), s.memberOutcomes());
        w.write("</table>\n");
    }

    private void outcomeRow(Writer w, String name, Outcomes o) throws IOException {
        row(w, name, count(o.winners()), count(o.losers()), count(o.unchanged()));
    }

    private static void row(Writer w, String... cells) throws IOException {
        w.write("<tr>");
        for (String c : cells) {
            w.write("<td>" + html(c) + "</td>");
        }
        w.write("</tr>\n");
    }

    // ---- chart options (ECharts' option objects, as JSON) ----------------------------------------------------------

    /** A bar chart of named series (each with its colour) over categories, stacked or side by side. */
    private ObjectNode chart(String title, List<String> categories, boolean stacked, List<Series> series,
            String yName) {
        ObjectNode o = NODES.objectNode();
        o.put("animation", false);
        o.putObject("title").put("text", title).put("left", "center");
        o.putObject("tooltip").put("trigger", "axis");
        ObjectNode legend = o.putObject("legend").put("top", 28);
        ArrayNode legendData = legend.putArray("data");
        o.putObject("grid").put("top", 70).put("left", 80).put("right", 30).put("bottom", 60);
        ObjectNode x = o.putObject("xAxis").put("type", "category");
        ArrayNode xs = x.putArray("data");
        categories.forEach(xs::add);
        x.putObject("axisLabel").put("interval", 0).put("rotate", categories.size() > 6 ? 30 : 0);
        ObjectNode y = o.putObject("yAxis").put("type", "value").put("name", yName);
        if (series.stream().flatMap(one -> one.values().stream()).allMatch(v -> v instanceof Long)) {
            y.put("minInterval", 1);                   // counts: no tick at 0.5 claims
        }
        ArrayNode list = o.putArray("series");
        for (Series one : series) {
            legendData.add(one.name());
            ObjectNode node = list.addObject().put("name", one.name()).put("type", "bar");
            node.putObject("itemStyle").put("color", one.colour());
            if (stacked) {
                node.put("stack", "all");
            }
            ArrayNode data = node.putArray("data");
            for (Number v : one.values()) {
                if (v instanceof BigDecimal d) {
                    data.add(d);
                } else {
                    data.add(v.longValue());
                }
            }
        }
        return o;
    }

    private record Series(String name, String colour, List<? extends Number> values) {
    }

    private ObjectNode costChart() {
        ScenarioFigures b = s.baseline();
        ScenarioFigures r = s.reform();
        return chart(t("Total cost (yuan)", "总费用（元）"), List.of(t("total cost", "总费用")), false,
                ordered(b.name(), List.of(b.cost()), r.name(), List.of(r.cost())), t("yuan", "元"));
    }

    private ObjectNode distributionChart() {
        List<String> bins = s.distribution().stream().map(this::binLabel).toList();
        return chart(t("Claims by payout (yuan)", "按补助金额分布的申请数（元）"), bins, false,
                ordered(s.baseline().name(), s.distribution().stream().map(PayoutBin::baseline).toList(),
                        s.reform().name(), s.distribution().stream().map(PayoutBin::reform).toList()),
                t("claims", "申请数"));
    }

    private String binLabel(PayoutBin bin) {
        if (bin.zero()) {
            return "0";
        }
        return whole(bin.from()) + "–" + whole(bin.to());
    }

    private ObjectNode bandChart(Function<BandFigures, Outcomes> which, String title) {
        List<String> bands = s.byBand().stream()
                .map(b -> b.band().from() == null ? t("none", "无") : b.band().label()).toList();
        List<Series> series = List.of(
                new Series(t("winners", "得益"), WINNERS, s.byBand().stream().map(b -> which.apply(b).winners())
                        .toList()),
                new Series(t("losers", "受损"), LOSERS, s.byBand().stream().map(b -> which.apply(b).losers())
                        .toList()),
                new Series(t("unchanged", "不变"), UNCHANGED, s.byBand().stream()
                        .map(b -> which.apply(b).unchanged()).toList()));
        return chart(title, bands, true, series, t("count", "数量"));
    }

    private ObjectNode kindChart() {
        List<KindFigures> kinds = s.byKind();
        return chart(t("Cost by benefit kind (yuan)", "按补助类别的费用（元）"),
                kinds.stream().map(k -> t(k.nameEn(), k.nameZh())).toList(), false,
                ordered(s.baseline().name(), kinds.stream().map(k -> k.baseline().cost()).toList(),
                        s.reform().name(), kinds.stream().map(k -> k.reform().cost()).toList()),
                t("yuan", "元"));
    }

    /** The baseline's series (its name marked as the baseline, so that two equal names stay apart) and the reform's. */
    private List<Series> ordered(String first, List<? extends Number> a, String second, List<? extends Number> b) {
        return List.of(new Series(first + t(" (baseline)", "（基准）"), BASELINE, a), new Series(second, REFORM, b));
    }

    // ---- text --------------------------------------------------------------------------------------------------

    /** JSON inside a script element: no {@code </script>}, no {@code <!--}, whatever a name holds. */
    private static String script(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Thousands separated, 2 decimals, whatever the machine's locale: {@code 1,234,567.80}. */
    static String money(BigDecimal amount) {
        BigDecimal a = amount.setScale(Math.max(2, amount.scale()), RoundingMode.UNNECESSARY);
        String plain = a.abs().toPlainString();
        int dot = plain.indexOf('.');
        return (a.signum() < 0 ? "-" : "") + group(plain.substring(0, dot)) + plain.substring(dot);
    }

    private static String whole(BigDecimal amount) {
        return group(amount.setScale(0, RoundingMode.DOWN).toPlainString());
    }

    private static String signedMoney(BigDecimal amount) {
        return (amount.signum() > 0 ? "+" : "") + money(amount);
    }

    private static String signed(BigDecimal amount) {
        return (amount.signum() > 0 ? "+" : "") + amount.toPlainString();
    }

    private static String count(long n) {
        return group(Long.toString(n));
    }

    private static String group(String digits) {
        StringBuilder out = new StringBuilder();
        int start = digits.startsWith("-") ? 1 : 0;
        out.append(digits, 0, start);
        for (int i = start; i < digits.length(); i++) {
            if (i > start && (digits.length() - i) % 3 == 0) {
                out.append(',');
            }
            out.append(digits.charAt(i));
        }
        return out.toString();
    }
}
