package org.huzhu.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.huzhu.api.AmountRange;
import org.huzhu.api.Decision;
import org.huzhu.api.Language;
import org.huzhu.api.Message;
import org.huzhu.api.ParameterUse;
import org.huzhu.api.RulesetInfo;
import org.huzhu.api.Texts;
import org.huzhu.api.json.HuzhuJson;
import org.huzhu.api.ruleset.Parameter;

/**
 * A decision as JSON for {@code evaluate --format json}, made to be consumed: the decision's own fields in a fixed
 * order, its {@code total} and the {@code pendingRange} of benefits under review, each message structured
 * ({@code key}, typed {@code values}) with its {@code text} rendered in the one language asked for ({@code lang}),
 * each benefit kind and code with its display name, and each parameter's value typed beside its text.
 *
 * <p>The output is byte-identical for the same request on any machine: every object's fields are written in the
 * order declared here or by the record, maps in the order the engine read them, numbers as plain decimals (never
 * the locale's), and text in the language asked for.
 */
final class DecisionJson {
    /** The version of this JSON shape ({@code schemas/decision.schema.json}); raised when a field changes meaning. */
    static final String SCHEMA_VERSION = "1";

    private DecisionJson() {
    }

    static String write(Decision d, Texts texts, Language lang, RulesetInfo ruleset) {
        return HuzhuJson.write(tree(d, texts, lang, ruleset));
    }

    /** The decision's JSON as a tree, for writers that embed it ({@link ResultLine}). */
    static ObjectNode tree(Decision d, Texts texts, Language lang, RulesetInfo ruleset) {
        ObjectMapper mapper = HuzhuJson.mapper();
        ObjectNode tree = mapper.valueToTree(d);
        ArrayNode benefits = (ArrayNode) tree.get("benefits");
        for (int i = 0; i < d.benefits().size(); i++) {
            ObjectNode b = (ObjectNode) benefits.get(i);
            b.put("kindName", texts.kind(d.benefits().get(i).kind(), lang));
            texts(b.get("explanation"), d.benefits().get(i).explanation(), texts, lang);
            b.set("parameters", parameters(d.benefits().get(i).parameters(), ruleset, texts, lang));
        }
        ArrayNode rejections = (ArrayNode) tree.get("rejections");
        for (int i = 0; i < d.rejections().size(); i++) {
            ((ObjectNode) rejections.get(i)).set("parameters",
                    parameters(d.rejections().get(i).parameters(), ruleset, texts, lang));
        }
        outcomes(tree.get("rejections"), d.rejections().stream().map(r -> r.message()).toList(),
                d.rejections().stream().map(r -> r.code()).toList(), texts, lang);
        outcomes(tree.get("reviewFlags"), d.reviewFlags().stream().map(r -> r.message()).toList(),
                d.reviewFlags().stream().map(r -> r.code()).toList(), texts, lang);
        outcomes(tree.get("warnings"), d.warnings().stream().map(r -> r.message()).toList(),
                d.warnings().stream().map(r -> r.code()).toList(), texts, lang);

        // The top level in a fixed order: what a consumer checks first (shape, language, claim, ruleset), then sums.
        ObjectNode root = mapper.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("lang", lang.code());
        for (String field : List.of("claimId", "scheme", "version", "reform", "rulesetHash", "whatIf",
                "coveragePeriod")) {
            if (tree.has(field)) {
                root.set(field, tree.get(field));
            }
        }
        root.put("total", cents(d.total()));
        AmountRange pending = d.pendingRange();
        if (pending != null) {
            ObjectNode range = root.putObject("pendingRange");
            range.put("min", cents(pending.min()));
            range.put("max", cents(pending.max()));
        }
        for (String field : List.of("benefits", "rejections", "reviewFlags", "warnings", "rulesFired")) {
            root.set(field, tree.get(field));
        }
        return root;
    }

    /**
     * An outcome's parameters, keyed as the outcome keys them, in the order read: each with its display name, type,
     * typed value, value text and provenance. A table entry ({@code name[key]}) has its {@code key} and the entry's
     * amount as its value (null when the table has no such key).
     */
    private static ObjectNode parameters(Map<String, ParameterUse> uses, RulesetInfo ruleset, Texts texts,
                                         Language lang) {
        ObjectMapper mapper = HuzhuJson.mapper();
        ObjectNode out = mapper.createObjectNode();
        uses.forEach((key, use) -> {
            Parameter p = parameter(ruleset, use.name());
            ObjectNode u = mapper.createObjectNode();
            u.put("name", use.name());
            u.put("nameText", texts.parameter(use.name(), lang));
            if (p != null) {
                u.put("type", p.type());
            }
            boolean entry = !key.equals(use.name()) && key.startsWith(use.name() + "[") && key.endsWith("]");
            if (entry) {
                u.put("key", key.substring(use.name().length() + 1, key.length() - 1));
                u.set("value", use.value().equals("none") ? mapper.nullNode()
                        : mapper.valueToTree(new BigDecimal(use.value())));
            } else if (p != null) {
                u.set("value", mapper.valueToTree(ParameterValues.typed(p)));
            }
            u.put("valueText", use.value());
            if (use.provenance() != null) {
                u.set("provenance", mapper.valueToTree(use.provenance()));
            }
            u.put("differsFromSource", use.differsFromSource());
            out.set(key, u);
        });
        return out;
    }

    /** A sum in yuan with at least 2 decimal places ({@code 0.00}, {@code 10000.00}), never fewer. */
    private static BigDecimal cents(BigDecimal amount) {
        return amount.scale() < 2 ? amount.setScale(2) : amount;
    }

    private static Parameter parameter(RulesetInfo ruleset, String name) {
        if (ruleset == null) {
            return null;
        }
        for (RulesetInfo.ParameterInForce p : ruleset.parameters()) {
            if (p.parameter().name().equals(name)) {
                return p.parameter();
            }
        }
        return null;
    }

    private static void outcomes(JsonNode array, List<Message> messages, List<org.huzhu.api.ReasonCode> codes,
                                 Texts texts, Language lang) {
        for (int i = 0; i < messages.size(); i++) {
            ObjectNode o = (ObjectNode) array.get(i);
            o.put("codeName", texts.code(codes.get(i), lang));
            ((ObjectNode) o.get("message")).put("text", texts.render(messages.get(i), lang));
        }
    }

    private static void texts(JsonNode array, List<Message> messages, Texts texts, Language lang) {
        for (int i = 0; i < messages.size(); i++) {
            ((ObjectNode) array.get(i)).put("text", texts.render(messages.get(i), lang));
        }
    }
}
