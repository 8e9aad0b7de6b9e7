package org.huzhu.cli;

import org.huzhu.api.Benefit;
import org.huzhu.api.Decision;
import org.huzhu.api.Language;
import java.util.Map;
import org.huzhu.api.Message;
import org.huzhu.api.ParameterUse;
import org.huzhu.api.Rejection;
import org.huzhu.api.ReviewFlag;
import org.huzhu.api.Texts;
import org.huzhu.api.Value;
import org.huzhu.api.Warning;
import org.huzhu.api.ruleset.Figures;
import org.huzhu.api.ruleset.Provenance;

/**
 * A decision as a union clerk reads it, in Chinese or English: each benefit with its working and clause, then
 * refusals. In Chinese every word is Chinese; what stays in Latin letters is codes and names a clerk quotes back
 * (reason codes, benefit kinds, ids, the sources parameters cite, the ruleset id and hash); parameters are shown by
 * their display names. Rule names are English prose, so they
 * are shown in English only (the JSON carries them in both).
 */
final class DecisionText {
    private DecisionText() {
    }

    /** The labels of the text around the messages. */
    private record Labels(String claim, String coverage, String whatIf, String none, String yuan, String between,
                          String and, String toDecide, String rule, String clause, String parameters,
                          String notPaid, String wholeClaim, String review, String warnings, String total,
                          String ruleset, String open, String close) {
    }

    private static final Labels ZH = new Labels("申报", "，保障期", "模拟测算：按请求以%s计算，不作为支付依据",
            "无应付补助。", "元", "金额在", "至", "元之间，待定", null, "条款", "参数", "不予支付：",
            "整个申报", "待审核：", "提示：", "合计：", "规则集", "（", "）");
    private static final Labels EN = new Labels("Claim", ", coverage period", "WHAT-IF: a simulation under %s as the "
            + "request asked; not a decision to pay on", "No benefit is due.", " yuan", "between ", " and ",
            " yuan, to be decided", "rule", "clause", "parameters", "Not paid:", "claim", "For review:", "Warnings:",
            "Total: ", "Ruleset", " (", ")");

    static String format(Decision d, Texts texts, Language lang) {
        Labels l = lang == Language.ZH ? ZH : EN;
        boolean zh = lang == Language.ZH;
        String colon = zh ? "：" : ": ";
        String dash = zh ? "——" : " — ";
        StringBuilder b = new StringBuilder();
        b.append(l.claim).append(zh ? "" : " ").append(d.claimId()).append(zh ? "——" : " — ").append(d.rulesetId());
        if (d.coveragePeriod() != null) {
            b.append(l.coverage).append(zh ? "" : " ").append(texts.render(Message.of("engine.period",
                    new org.huzhu.api.Value.Date(d.coveragePeriod().from()),
                    new org.huzhu.api.Value.Date(d.coveragePeriod().to())), lang));
        }
        b.append('\n');
        if (d.whatIf()) {
            b.append(String.format(l.whatIf, d.rulesetId())).append('\n');
        }
        if (d.benefits().isEmpty()) {
            b.append(l.none).append('\n');
        }
        for (Benefit x : d.benefits()) {
            b.append('\n').append(kind(texts, x.kind(), lang)).append(colon);
            if (x.amount() != null) {
                b.append(Figures.money(x.amount(), Math.max(0, x.amount().scale()))).append(l.yuan);
            } else {
                b.append(l.between).append(Figures.money(x.range().min())).append(l.and)
                        .append(Figures.money(x.range().max())).append(l.toDecide);
            }
            b.append('\n');
            for (Message step : x.explanation()) {
                b.append("  ").append(texts.render(step, lang)).append('\n');
            }
            if (l.rule != null) {
                b.append("  ").append(l.rule).append(colon).append(x.rule()).append('\n');
            }
            if (x.clause() != null) {
                b.append("  ").append(l.clause).append(colon).append(x.clause()).append('\n');
            }
            parameters(b, x.parameters(), texts, lang, (l.parameters + colon).stripTrailing(), "  ");
        }
        if (!d.rejections().isEmpty()) {
            b.append('\n').append(l.notPaid).append('\n');
            for (Rejection r : d.rejections()) {
                b.append("  ").append(r.kind() == null ? l.wholeClaim : kind(texts, r.kind(), lang))
                        .append(concerns(r.stay(), l)).append(colon).append(code(texts, r.code(), lang))
                        .append(dash).append(texts.render(r.message(), lang));
                if (r.clause() != null) {
                    b.append(zh ? "【" : " [").append(r.clause()).append(zh ? "】" : "]");
                }
                b.append('\n');
                parameters(b, r.parameters(), texts, lang, (l.parameters + colon).stripTrailing(), "    ");
            }
        }
        if (!d.reviewFlags().isEmpty()) {
            b.append('\n').append(l.review).append('\n');
            for (ReviewFlag f : d.reviewFlags()) {
                b.append("  ").append(kind(texts, f.kind(), lang)).append(concerns(f.stay(), l)).append(colon)
                        .append(code(texts, f.code(), lang)).append(dash).append(texts.render(f.message(), lang))
                        .append('\n');
            }
        }
        if (!d.warnings().isEmpty()) {
            b.append('\n').append(l.warnings).append('\n');
            for (Warning w : d.warnings()) {
                b.append("  ").append(code(texts, w.code(), lang))
                        .append(w.kind() == null ? "" : (zh ? "，" : " ") + kind(texts, w.kind(), lang))
                        .append(concerns(w.stay(), l)).append(colon).append(texts.render(w.message(), lang))
                        .append('\n');
            }
        }
        b.append('\n').append(l.total).append(Figures.money(d.total())).append(l.yuan);
        org.huzhu.api.AmountRange pending = d.pendingRange();
        if (pending != null) {
            // A range under review is not in the total: a bare "Total: 0.00" would read as nothing due.
            b.append(zh ? "，另有" : ", plus ").append(l.between).append(Figures.money(pending.min())).append(l.and)
                    .append(Figures.money(pending.max())).append(l.toDecide);
        }
        b.append('\n');
        b.append(l.ruleset).append(' ').append(d.rulesetId());
        if (d.reform() != null) {
            b.append(zh ? " 改革方案 " : " reform ").append(d.reform());
        }
        b.append(" sha256:").append(d.rulesetHash(), 0, 16).append('\n');
        return b.toString();
    }

    /** English keeps the code (what clerks and cases quote); Chinese shows the name with its code after it. */
    private static String code(Texts texts, org.huzhu.api.ReasonCode code, Language lang) {
        return lang == Language.ZH ? texts.code(code, lang) + "（" + code.name() + "）" : code.name();
    }

    private static String kind(Texts texts, String kind, Language lang) {
        if (kind == null) {
            return lang == Language.ZH ? "整个申报" : "claim";
        }
        return lang == Language.ZH ? texts.kind(kind, lang) + "（" + kind + "）" : kind;
    }

    private static String concerns(String stay, Labels l) {
        return stay == null ? "" : l.open + stay + l.close;
    }

    /**
     * The parameters that decided an outcome, one a line: display name, value and provenance, compactly (label and
     * source; the JSON has the quoted clause, how or why), and the source's own figure where the value differs.
     */
    private static void parameters(StringBuilder b, Map<String, ParameterUse> parameters, Texts texts,
                                   Language lang, String label, String indent) {
        if (parameters.isEmpty()) {
            return;
        }
        b.append(indent).append(label).append('\n');
        for (Map.Entry<String, ParameterUse> e : parameters.entrySet()) {
            ParameterUse u = e.getValue();
            Value name = new Value.Code("parameter", u.name());
            if (!e.getKey().equals(u.name())) {
                // One entry of a table, keyed name[key]: the table's display name and the key.
                String key = e.getKey().substring(u.name().length() + 1, e.getKey().length() - 1);
                name = new Value.Nested(Message.of("engine.tableEntry", name, new Value.Text(key)));
            }
            Provenance p = u.provenance();
            Value source = new Value.Nested(p == null ? Message.of("engine.provenance.assumed", new Value.Text("?"))
                    : Message.of("engine.provenance." + p.label(), new Value.Text(reference(p.source()))));
            Message line = u.differsFromSource()
                    ? Message.of("engine.parameterUseDiffers", name, new Value.Text(abbreviate(u.value())), source,
                    new Value.Text(String.valueOf(p.stated())))
                    : Message.of("engine.parameterUse", name, new Value.Text(abbreviate(u.value())), source);
            b.append(indent).append("  ").append(texts.render(line, lang)).append('\n');
        }
    }

    /**
     * Where a source points, for one line: the document id and the section after it ({@code seeds/004 五.1 注(1)}),
     * up to the first word of prose. Sources go on in English ("names only …"); the JSON has the whole source and
     * the quoted clause, how or why.
     */
    static String reference(String source) {
        if (source == null || source.isBlank()) {
            return "";
        }
        String[] words = source.trim().split("\\s+");
        StringBuilder ref = new StringBuilder(words[0].replaceAll("[,，]$", ""));
        for (int i = 1; i < words.length && !words[0].endsWith(",") && !words[i].matches(".*[A-Za-z\"“].*"); i++) {
            ref.append(' ').append(words[i].replaceAll("[,，]$", ""));
            if (words[i].endsWith(",") || words[i].endsWith("，")) {
                break;
            }
        }
        return ref.toString();
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
