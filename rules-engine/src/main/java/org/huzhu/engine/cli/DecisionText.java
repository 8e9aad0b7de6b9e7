package org.huzhu.engine.cli;

import org.huzhu.api.Benefit;
import org.huzhu.api.Decision;
import org.huzhu.api.Rejection;
import org.huzhu.api.ReviewFlag;
import org.huzhu.api.Warning;
import org.huzhu.api.ruleset.Figures;

/** A decision as a union clerk reads it: each benefit with its working and clause, then refusals. */
final class DecisionText {
    private DecisionText() {
    }

    static String format(Decision d) {
        StringBuilder b = new StringBuilder();
        b.append("Claim ").append(d.claimId()).append(" — ").append(d.rulesetId());
        if (d.coveragePeriod() != null) {
            b.append(", coverage period ").append(d.coveragePeriod());
        }
        b.append('\n');
        if (d.whatIf()) {
            b.append("WHAT-IF: a simulation under ").append(d.rulesetId())
                    .append(" as the request asked; not a decision to pay on\n");
        }
        if (d.benefits().isEmpty()) {
            b.append("No benefit is due.\n");
        }
        for (Benefit x : d.benefits()) {
            b.append('\n').append(x.kind()).append(": ");
            if (x.amount() != null) {
                b.append(Figures.money(x.amount(), Math.max(0, x.amount().scale()))).append(" yuan");
            } else {
                b.append("between ").append(Figures.money(x.range().min())).append(" and ")
                        .append(Figures.money(x.range().max())).append(" yuan, to be decided");
            }
            b.append('\n');
            for (String step : x.explanation()) {
                b.append("  ").append(step).append('\n');
            }
            b.append("  rule: ").append(x.rule()).append('\n');
            if (x.clause() != null) {
                b.append("  clause: ").append(x.clause()).append('\n');
            }
            if (!x.parameters().isEmpty()) {
                b.append("  parameters: ");
                b.append(String.join(", ", x.parameters().entrySet().stream()
                        .map(e -> e.getKey() + "=" + abbreviate(e.getValue())).toList())).append('\n');
            }
        }
        if (!d.rejections().isEmpty()) {
            b.append("\nNot paid:\n");
            for (Rejection r : d.rejections()) {
                b.append("  ").append(r.kind() == null ? "claim" : r.kind()).append(concerns(r.stay())).append(": ")
                        .append(r.code()).append(" — ").append(r.message());
                if (r.clause() != null) {
                    b.append(" [").append(r.clause()).append(']');
                }
                b.append('\n');
            }
        }
        if (!d.reviewFlags().isEmpty()) {
            b.append("\nFor review:\n");
            for (ReviewFlag f : d.reviewFlags()) {
                b.append("  ").append(f.kind()).append(concerns(f.stay())).append(": ").append(f.code())
                        .append(" — ").append(f.message()).append('\n');
            }
        }
        if (!d.warnings().isEmpty()) {
            b.append("\nWarnings:\n");
            for (Warning w : d.warnings()) {
                b.append("  ").append(w.code()).append(w.kind() == null ? "" : " " + w.kind())
                        .append(concerns(w.stay())).append(": ").append(w.message()).append('\n');
            }
        }
        b.append("\nTotal: ").append(Figures.money(d.total())).append(" yuan\n");
        b.append("Ruleset ").append(d.rulesetId()).append(" sha256:").append(d.rulesetHash(), 0, 16).append('\n');
        return b.toString();
    }

    private static String concerns(String stay) {
        return stay == null ? "" : " (" + stay + ")";
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
