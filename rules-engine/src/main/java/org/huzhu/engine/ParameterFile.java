package org.huzhu.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.huzhu.api.InvalidInputException;
import org.huzhu.api.Limits;
import org.huzhu.api.ruleset.Band;
import org.huzhu.api.ruleset.Parameter;
import org.huzhu.api.ruleset.Parameters;
import org.huzhu.api.ruleset.Provenance;
import org.huzhu.engine.internal.Yaml;
import org.huzhu.engine.internal.LoadingLimits;

/**
 * Reads {@code parameters.yaml}: a map from parameter name to its type, value and provenance.
 *
 * <pre>
 * nonMedicalInsuranceCountingRate:
 *   type: rate                 # money | rate | integer | codes | bands | tiers | table
 *   value: 0.34
 *   description: share of 个人自理 counted for a stay not settled through MI
 *   provenance:
 *     label: seed              # seed | derived | assumed
 *     source: seed 004
 *     clause: 未进行医保结算支付的，按住院医疗自理费用的34%进行核算
 * </pre>
 *
 * A seed parameter must quote its clause, a derived one say how, an assumed one say why.
 */
final class ParameterFile {
    private static final Set<String> TYPES = Set.of("money", "rate", "integer", "codes", "bands", "tiers", "table");

    private ParameterFile() {
    }

    static Parameters read(String text, String source) {
        return new Parameters(readList(text, source));
    }

    /** A parameters file's entries, name → definition, in file order. */
    private static Iterator<Map.Entry<String, JsonNode>> entries(String text, String source) {
        return entries(Yaml.tree(text, source), source);
    }

    private static Iterator<Map.Entry<String, JsonNode>> entries(JsonNode root, String source) {
        if (!root.isObject()) {
            throw new InvalidInputException(source, "must map parameter names to their definitions");
        }
        return root.fields();
    }

    /** The parameters in file order. */
    static List<Parameter> readList(String text, String source) {
        List<Parameter> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = entries(text, source);
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String where = source + " " + e.getKey();
            if (e.getValue() != null && e.getValue().has("new")) {
                throw new InvalidInputException(where + ".new", "only a version that extends another adds "
                        + "parameters; here every parameter is new");
            }
            out.add(parameter(e.getKey(), e.getValue(), where));
        }
        return out;
    }

    /**
     * Reads an extension's {@code parameters.yaml} against its base's parameters: each entry overrides the base's
     * parameter of that name, with the same type and its own value and provenance ({@code description} and
     * {@code lowerBound} are the base's unless given); an entry marked {@code new: true} adds a parameter the base
     * does not have. An unmarked name the base lacks is an error, so that a misspelt override never leaves the
     * base's figure in force beside an unused new one.
     *
     * @return the overrides and additions, in file order
     */
    static List<Parameter> readExtension(String text, String source, Parameters base, String baseId) {
        return readExtension(Yaml.tree(text, source), source, base, baseId);
    }

    /** {@link #readExtension(String, String, Parameters, String)} of a parsed mapping: a reform's parameters. */
    static List<Parameter> readExtension(JsonNode root, String source, Parameters base, String baseId) {
        List<Parameter> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = entries(root, source);
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            String where = source + " " + name;
            if (e.getValue() == null || !e.getValue().isObject()) {
                throw new InvalidInputException(where, "must be a parameter definition {type, value, provenance}");
            }
            ObjectNode n = ((ObjectNode) e.getValue()).deepCopy();
            JsonNode added = n.remove("new");
            boolean isNew = added != null && added.isBoolean() && added.booleanValue();
            if (added != null && !added.isBoolean()) {
                throw new InvalidInputException(where + ".new", "must be true or false");
            }
            if (isNew) {
                if (base.has(name)) {
                    throw new InvalidInputException(where, "is marked new, but " + baseId + " already has a "
                            + "parameter '" + name + "'; drop new: true to override it");
                }
                out.add(parameter(name, n, where));
                continue;
            }
            if (!base.has(name)) {
                throw new InvalidInputException(where, "overrides parameter '" + name + "', which " + baseId
                        + " does not have; mark a parameter this version adds with new: true");
            }
            Parameter inherited = base.all().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
            String type = text(n, "type", where, true);
            if (!type.equals(inherited.type())) {
                throw new InvalidInputException(where + ".type", "overrides parameter '" + name + "' of " + baseId
                        + ", which is " + inherited.type() + ", with " + type + "; an override keeps the type");
            }
            if (!n.has("description")) {
                n.put("description", inherited.description());
            }
            if (!n.has("lowerBound") && (type.equals("bands") || type.equals("tiers"))) {
                n.put("lowerBound", inherited.lowerBoundInclusive() ? "inclusive" : "exclusive");
            }
            Parameter override = parameter(name, n, where);
            String baseStated = inherited.provenance().stated();
            if (override.provenance().stated() == null && baseStated != null) {
                // The same figure written another way (5000.00 for 5000) is not a change.
                if (!inherited.differsFromSource() && sameFigure(override, inherited)) {
                    baseStated = override.valueText();
                }
                // The rules' clauses still quote the source's figure: an override is compared with it.
                override = new Parameter(name, type, override.description(), override.number(), override.codes(),
                        override.bands(), override.lowerBoundInclusive(), override.table(),
                        override.provenance().withStated(baseStated));
            }
            out.add(override);
        }
        return out;
    }

    private static Parameter parameter(String name, JsonNode n, String where) {
        String type = text(n, "type", where, true);
        if (!TYPES.contains(type)) {
            throw new InvalidInputException(where + ".type", "unknown type '" + type + "', expected one of " + TYPES);
        }
        String description = text(n, "description", where, true);
        Provenance provenance = provenance(n.get("provenance"), where + ".provenance");
        BigDecimal number = null;
        List<String> codes = null;
        List<Band> bands = null;
        Map<String, BigDecimal> table = null;
        boolean inclusive = true;
        JsonNode value = n.get("value");
        switch (type) {
            case "money", "rate", "integer" -> number = bounded(decimal(value, where + ".value"), type,
                    where + ".value");
            case "codes" -> {
                if (value == null || !value.isArray()) {
                    throw new InvalidInputException(where + ".value", "must be a list of codes");
                }
                rows(value.size(), where + ".value");
                codes = new ArrayList<>();
                for (int i = 0; i < value.size(); i++) {
                    codes.add(code(value.get(i), where + ".value[" + i + "]"));
                }
            }
            case "table" -> {
                if (value == null || !value.isObject()) {
                    throw new InvalidInputException(where + ".value", "must map keys to amounts");
                }
                rows(value.size(), where + ".value");
                table = new LinkedHashMap<>();
                Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> f = fields.next();
                    if (f.getKey().length() > LoadingLimits.MAX_CODE_CHARS) {
                        throw new InvalidInputException(where + ".value", "a key is longer than "
                                + LoadingLimits.MAX_CODE_CHARS + " characters");
                    }
                    String at = where + ".value." + f.getKey();
                    table.put(f.getKey(), bounded(decimal(f.getValue(), at), "money", at));
                }
            }
            default -> {
                String lower = n.has("lowerBound") ? n.get("lowerBound").asText() : "inclusive";
                if (!lower.equals("inclusive") && !lower.equals("exclusive")) {
                    throw new InvalidInputException(where + ".lowerBound", "must be inclusive or exclusive");
                }
                inclusive = lower.equals("inclusive");
                if (value == null || !value.isArray() || value.isEmpty()) {
                    throw new InvalidInputException(where + ".value", "must be a list of {from, " + (type.equals(
                            "bands") ? "amount" : "rate") + "} rows");
                }
                rows(value.size(), where + ".value");
                bands = new ArrayList<>();
                String field = type.equals("bands") ? "amount" : "rate";
                for (int i = 0; i < value.size(); i++) {
                    JsonNode row = value.get(i);
                    String at = where + ".value[" + i + "]";
                    if (row == null || !row.isObject()) {
                        throw new InvalidInputException(at, "must be a {from, " + field + "} row");
                    }
                    BigDecimal from = bounded(decimal(row.get("from"), at + ".from"), "money", at + ".from");
                    BigDecimal v = bounded(decimal(row.get(field), at + "." + field),
                            type.equals("bands") ? "money" : "rate", at + "." + field);
                    if (!bands.isEmpty() && from.compareTo(bands.get(bands.size() - 1).from()) <= 0) {
                        throw new InvalidInputException(at + ".from", "rows must rise: " + from
                                + " is not above the row before");
                    }
                    bands.add(new Band(from, v));
                }
            }
        }
        Parameter parameter = new Parameter(name, type, description, number, codes, bands, inclusive, table,
                provenance);
        JsonNode stated = n.path("provenance").get("stated");
        if (stated != null) {
            // The stated figure is read as a value of the same type, so that it compares in the same form.
            ObjectNode asValue = ((ObjectNode) n).deepCopy();
            asValue.set("value", stated);
            ((ObjectNode) asValue.get("provenance")).remove("stated");
            Parameter statedValue = parameter(name, asValue, where + ".provenance.stated");
            // Equal figures written differently (5000 and "5000.00") are the same figure.
            String text = sameFigure(statedValue, parameter) ? parameter.valueText() : statedValue.valueText();
            parameter = new Parameter(name, type, description, number, codes, bands, inclusive, table,
                    provenance.withStated(text));
        }
        return parameter;
    }

    /**
     * A figure within the bounds claim amounts have ({@link LoadingLimits}): money 0..{@code MAX_MONEY} in fen,
     * rates 0..1 with at most {@code RATE_SCALE} places, integers 0..{@code MAX_INTEGER}. A parameter is as
     * untrusted as a claim: {@code 1e999999999} must not reach the arithmetic.
     */
    static BigDecimal bounded(BigDecimal v, String type, String where) {
        Limits.digits(v, where);   // first: what follows is slow on a number of 200,000 digits
        if (v.signum() < 0) {
            throw new InvalidInputException(where, "must not be negative, was " + shortText(v));
        }
        switch (type) {
            case "money" -> {
                if (v.compareTo(LoadingLimits.MAX_MONEY) > 0) {
                    throw new InvalidInputException(where, "money must be at most "
                            + LoadingLimits.MAX_MONEY.toPlainString() + ", was " + shortText(v));
                }
                if (v.stripTrailingZeros().scale() > LoadingLimits.MONEY_SCALE) {
                    throw new InvalidInputException(where, "money has at most " + LoadingLimits.MONEY_SCALE
                            + " decimal places, was " + shortText(v));
                }
            }
            case "rate" -> {
                if (v.compareTo(BigDecimal.ONE) > 0) {
                    throw new InvalidInputException(where, "a rate is a fraction 0..1, was " + shortText(v));
                }
                if (v.stripTrailingZeros().scale() > LoadingLimits.RATE_SCALE) {
                    throw new InvalidInputException(where, "a rate has at most " + LoadingLimits.RATE_SCALE
                            + " decimal places, was " + shortText(v));
                }
            }
            default -> {
                if (v.compareTo(BigDecimal.valueOf(LoadingLimits.MAX_INTEGER)) > 0) {
                    throw new InvalidInputException(where, "an integer must be at most " + LoadingLimits.MAX_INTEGER
                            + ", was " + shortText(v));
                }
                if (v.stripTrailingZeros().scale() > 0) {
                    throw new InvalidInputException(where, "must be a whole number, was " + shortText(v));
                }
            }
        }
        return v;
    }

    /** The value as written for an error: never a billion-digit plain string. */
    private static String shortText(BigDecimal v) {
        String s = v.toString();
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private static void rows(int count, String where) {
        if (count > LoadingLimits.MAX_PARAMETER_ROWS) {
            throw new InvalidInputException(where, "has " + count + " rows, more than the limit of "
                    + LoadingLimits.MAX_PARAMETER_ROWS);
        }
    }

    private static String code(JsonNode c, String where) {
        if (c == null || !c.isValueNode() || c.isNull()) {
            throw new InvalidInputException(where, "must be a code");
        }
        if (c.asText().length() > LoadingLimits.MAX_CODE_CHARS) {
            throw new InvalidInputException(where, "is longer than " + LoadingLimits.MAX_CODE_CHARS + " characters");
        }
        return c.asText();
    }

    private static boolean sameFigure(Parameter a, Parameter b) {
        if (a.number() != null) {
            return a.number().compareTo(b.number()) == 0;
        }
        if (a.bands() != null) {
            if (a.bands().size() != b.bands().size()) {
                return false;
            }
            for (int i = 0; i < a.bands().size(); i++) {
                if (a.bands().get(i).from().compareTo(b.bands().get(i).from()) != 0
                        || a.bands().get(i).value().compareTo(b.bands().get(i).value()) != 0) {
                    return false;
                }
            }
            return true;
        }
        if (a.table() != null) {
            return a.table().keySet().equals(b.table().keySet()) && a.table().entrySet().stream()
                    .allMatch(e -> e.getValue().compareTo(b.table().get(e.getKey())) == 0);
        }
        return a.codes().equals(b.codes());
    }

    private static Provenance provenance(JsonNode n, String where) {
        if (n == null || !n.isObject()) {
            throw new InvalidInputException(where, "is required: every parameter says where its value comes from");
        }
        String label = text(n, "label", where, true);
        String source = text(n, "source", where, false);
        String clause = text(n, "clause", where, false);
        String how = text(n, "how", where, false);
        String why = text(n, "why", where, false);
        if (n.has("stated") && !label.equals("seed")) {
            throw new InvalidInputException(where + ".stated", "only a seed parameter states a source's figure");
        }
        switch (label) {
            case "seed" -> need(clause, where + ".clause", "a seed parameter quotes the source clause");
            case "derived" -> need(how, where + ".how", "a derived parameter says how it follows");
            case "assumed" -> need(why, where + ".why", "an assumed parameter says why");
            default -> throw new InvalidInputException(where + ".label",
                    "must be seed, derived or assumed, was '" + label + "'");
        }
        return new Provenance(label, source, clause, how, why);
    }

    private static void need(String value, String where, String message) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(where, "is required: " + message);
        }
    }

    private static String text(JsonNode n, String field, String where, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new InvalidInputException(where + "." + field, "is required");
            }
            return null;
        }
        return v.asText();
    }

    private static BigDecimal decimal(JsonNode v, String where) {
        if (v == null || v.isNull()) {
            throw new InvalidInputException(where, "is required");
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        try {
            return new BigDecimal(v.asText().trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(where, "not a number: '" + v.asText() + "'");
        }
    }
}
