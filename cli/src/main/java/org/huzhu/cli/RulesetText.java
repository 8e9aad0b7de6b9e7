package org.huzhu.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.huzhu.api.RulesetInfo;
import org.huzhu.api.json.HuzhuJson;
import org.huzhu.api.ruleset.Parameter;
import org.huzhu.api.ruleset.Provenance;

/**
 * {@code huzhu show}: one version as it is loaded, for an actuary checking what an extension changes. Every
 * parameter with its value, type, provenance and the version whose file sets it; every rule file with its version.
 */
final class RulesetText {
    private RulesetText() {
    }

    static String format(RulesetInfo r) {
        StringBuilder b = new StringBuilder();
        b.append(r.id()).append("  ").append(r.nameZh()).append(" / ").append(r.nameEn()).append('\n');
        line(b, "extends", r.base() == null ? "-" : r.base());
        line(b, "effective", r.effectiveFrom() + " .. " + (r.effectiveTo() == null ? "(open)" : r.effectiveTo()));
        line(b, "rounding", r.rounding());
        line(b, "grammar", "DRL grammar " + r.grammar());
        line(b, "origin", r.origin());
        if (r.baseOrigin() != null) {
            line(b, "base from", r.baseOrigin());
        }
        if (!r.replaced().isEmpty()) {
            line(b, "replaces", String.join(", ", r.replaced()));
        }
        line(b, "sha-256", r.contentHash());
        b.append("\nparameters (").append(r.parameters().size()).append("):\n");
        for (RulesetInfo.ParameterInForce p : r.parameters()) {
            Parameter x = p.parameter();
            b.append("  ").append(x.name()).append(" = ").append(x.valueText()).append("  (").append(x.type())
                    .append(bound(x)).append(", from ").append(p.from()).append(")\n");
            b.append("      ").append(x.description()).append('\n');
            Provenance v = x.provenance();
            b.append("      [").append(v.label()).append("]").append(v.source() == null ? "" : " " + v.source())
                    .append('\n');
            indented(b, "clause", v.clause());
            indented(b, "how", v.how());
            indented(b, "why", v.why());
        }
        b.append("\nrule files (").append(r.ruleFiles().size()).append("):\n");
        for (RulesetInfo.RuleFile f : r.ruleFiles()) {
            b.append("  ").append(f.path()).append("  (from ").append(f.from()).append(")  ").append(f.location())
                    .append('\n');
        }
        return b.toString();
    }

    /**
     * For {@code huzhu list}: where a version came from when that is more than "bundled" — the folder it was read
     * from, what it replaced (a bundled version or an earlier folder's, with the same scheme@version) and where the
     * version it extends was read; null for a bundled version, whose base is bundled too.
     */
    static String origins(RulesetInfo r) {
        if (RulesetInfo.isBundled(r.origin()) && r.replaced().isEmpty()
                && (r.baseOrigin() == null || RulesetInfo.isBundled(r.baseOrigin()))) {
            return null;
        }
        StringBuilder b = new StringBuilder("from ").append(r.origin());
        if (!r.replaced().isEmpty()) {
            b.append(", replacing ").append(String.join(" and ", r.replaced().stream()
                    .map(o -> RulesetInfo.isBundled(o) ? "the bundled one" : "the one from " + o).toList()));
        }
        if (r.base() != null) {
            b.append(", extending ").append(RulesetInfo.isBundled(r.baseOrigin()) ? "the bundled " + r.base()
                    : r.base() + " from " + r.baseOrigin());
        }
        return b.toString();
    }

    static String json(RulesetInfo r) {
        Map<String, Object> m = summary(r);
        List<Map<String, Object>> parameters = new ArrayList<>();
        for (RulesetInfo.ParameterInForce p : r.parameters()) {
            Parameter x = p.parameter();
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", x.name());
            e.put("type", x.type());
            e.put("value", ParameterValues.typed(x));
            if (x.type().equals("bands") || x.type().equals("tiers")) {
                e.put("lowerBound", x.lowerBoundInclusive() ? "inclusive" : "exclusive");
            }
            e.put("valueText", x.valueText());
            e.put("description", x.description());
            e.put("provenance", x.provenance());
            e.put("from", p.from());
            parameters.add(e);
        }
        m.put("parameters", parameters);
        m.put("ruleFiles", r.ruleFiles());
        return HuzhuJson.write(m);
    }

    /**
     * A version without its parameters and rule files, in the order {@link #json} writes them: what {@code huzhu list}
     * shows of each version, and each entry of {@code GET /v1/rulesets}.
     */
    static Map<String, Object> summary(RulesetInfo r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("scheme", r.scheme());
        m.put("version", r.version());
        Map<String, Object> name = new LinkedHashMap<>();
        name.put("zh", r.nameZh());
        name.put("en", r.nameEn());
        m.put("name", name);
        m.put("extends", r.base());
        Map<String, Object> effective = new LinkedHashMap<>();
        effective.put("from", r.effectiveFrom().toString());
        effective.put("to", r.effectiveTo() == null ? null : r.effectiveTo().toString());
        m.put("effective", effective);
        m.put("rounding", r.rounding());
        m.put("grammar", r.grammar());
        m.put("origin", r.origin());
        m.put("baseOrigin", r.baseOrigin());
        m.put("replaced", r.replaced());
        m.put("contentHash", r.contentHash());
        return m;
    }

    private static String bound(Parameter x) {
        if (!x.type().equals("bands") && !x.type().equals("tiers")) {
            return "";
        }
        return x.lowerBoundInclusive() ? ", lower bounds inclusive" : ", lower bounds exclusive";
    }

    private static void line(StringBuilder b, String key, String value) {
        b.append("  ").append(String.format("%-10s", key)).append(value).append('\n');
    }

    private static void indented(StringBuilder b, String key, String value) {
        if (value != null && !value.isBlank()) {
            b.append("      ").append(key).append(": ").append(value.strip().replace("\n", "\n        "))
                    .append('\n');
        }
    }
}
