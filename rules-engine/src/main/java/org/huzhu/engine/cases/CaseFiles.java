package org.huzhu.engine.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.huzhu.api.AmountRange;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.HuzhuException;
import org.huzhu.api.InvalidInputException;
import org.huzhu.engine.Yaml;

/**
 * Reads case files (YAML):
 *
 * <pre>
 * ruleset: wujin@2024          # optional inside a ruleset folder: defaults to that folder's scheme@version
 * member: {...}                # the default member for every case (a Member in JSON form)
 * history: {...}               # optional default history
 * cases:
 *   - name: base 999.99 → 0
 *     claim: {...}             # a Claim without member (the file's is used) and, optionally, without id
 *     history: {...}           # optional
 *     whatIf: true             # optional: a what-if under a pinned version not in force on the claim date
 *     expect:
 *       benefits: {INPATIENT_SUBSIDY: 0}
 *       rejections: [NOT_ENROLLED, in wujin]
 *       review: false          # or a list, like rejections: [AMOUNT_TO_BE_DECIDED]
 *       error: outside every version
 * </pre>
 *
 * <p>In {@code rejections} and a {@code review} list, a token that is a {@link org.huzhu.api.ReasonCode} name
 * matches a rejection (flag) with that code; any other text must be a substring of one's message.
 */
public final class CaseFiles {
    private CaseFiles() {
    }

    /** Reads one case file's text. {@code defaultRuleset} is used when the file names none. */
    public static List<TestCase> read(String file, String text, String defaultRuleset) {
        JsonNode root = Yaml.tree(text, file);
        JsonNode casesNode = root.get("cases");
        if (casesNode == null || !casesNode.isArray()) {
            throw new InvalidInputException(file, "must have a 'cases' list");
        }
        String ruleset = root.hasNonNull("ruleset") ? root.get("ruleset").asText() : defaultRuleset;
        List<TestCase> out = new ArrayList<>();
        for (int i = 0; i < casesNode.size(); i++) {
            JsonNode c = casesNode.get(i);
            String name = c.hasNonNull("name") ? c.get("name").asText() : "case " + (i + 1);
            String where = file + " cases[" + i + "] (" + name + ")";
            TestCase.Expectation expectation;
            try {
                expectation = expectation(c.get("expect"), where + ".expect");
            } catch (HuzhuException e) {
                out.add(new TestCase(file, name, null, e.getMessage(), null));
                continue;
            }
            try {
                out.add(new TestCase(file, name, request(root, c, ruleset, name, where), null, expectation));
            } catch (HuzhuException e) {
                out.add(new TestCase(file, name, null, e.getMessage(), expectation));
            }
        }
        return out;
    }

    /** Reads a case file from disk. */
    public static List<TestCase> read(Path file, String defaultRuleset) {
        try {
            return read(file.toString(), Files.readString(file, StandardCharsets.UTF_8), defaultRuleset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static EvaluationRequest request(JsonNode root, JsonNode c, String fileRuleset, String name,
                                             String where) {
        String ruleset = c.hasNonNull("ruleset") ? c.get("ruleset").asText() : fileRuleset;
        if (ruleset == null) {
            throw new InvalidInputException(where + ".ruleset", "is required outside a ruleset folder");
        }
        JsonNode claimNode = c.get("claim");
        if (claimNode == null || !claimNode.isObject()) {
            throw new InvalidInputException(where + ".claim", "is required");
        }
        ObjectNode claim = ((ObjectNode) claimNode).deepCopy();
        if (!claim.has("member")) {
            JsonNode member = c.has("member") ? c.get("member") : root.get("member");
            if (member == null) {
                throw new InvalidInputException(where + ".claim.member", "is required (or a file-level member)");
            }
            claim.set("member", member);
        }
        if (!claim.has("id")) {
            claim.put("id", name);
        }
        ObjectNode request = Yaml.mapper().createObjectNode();
        request.put("ruleset", ruleset);
        request.set("claim", claim);
        JsonNode history = c.has("history") ? c.get("history") : root.get("history");
        if (history != null) {
            request.set("history", history);
        }
        if (c.has("whatIf")) {
            request.set("whatIf", c.get("whatIf"));
        }
        return Yaml.bind(request, EvaluationRequest.class, where);
    }

    private static TestCase.Expectation expectation(JsonNode e, String where) {
        if (e == null || !e.isObject()) {
            throw new InvalidInputException(where, "is required");
        }
        Iterator<String> fields = e.fieldNames();
        while (fields.hasNext()) {
            String f = fields.next();
            if (!List.of("benefits", "rejections", "review", "error").contains(f)) {
                throw new InvalidInputException(where + "." + f, "unknown expectation (benefits, rejections, "
                        + "review, error)");
            }
        }
        Map<String, BigDecimal> amounts = new LinkedHashMap<>();
        Map<String, AmountRange> ranges = new LinkedHashMap<>();
        JsonNode b = e.get("benefits");
        if (b != null && !b.isNull()) {
            if (!b.isObject()) {
                throw new InvalidInputException(where + ".benefits", "must map benefit kinds to amounts");
            }
            Iterator<Map.Entry<String, JsonNode>> it = b.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> kv = it.next();
                JsonNode v = kv.getValue();
                if (v.isObject()) {
                    ranges.put(kv.getKey(), new AmountRange(decimal(v.get("min"), where + ".benefits."
                            + kv.getKey() + ".min"), decimal(v.get("max"), where + ".benefits." + kv.getKey() + ".max")));
                } else {
                    amounts.put(kv.getKey(), decimal(v, where + ".benefits." + kv.getKey()));
                }
            }
        }
        List<String> rejections = null;
        if (e.has("rejections")) {
            rejections = new ArrayList<>();
            for (JsonNode r : e.get("rejections")) {
                rejections.add(r.asText());
            }
        }
        Boolean review = null;
        List<String> reviewFlags = null;
        if (e.has("review") && e.get("review").isArray()) {
            reviewFlags = new ArrayList<>();
            for (JsonNode r : e.get("review")) {
                reviewFlags.add(r.asText());
            }
            review = !reviewFlags.isEmpty();
        } else if (e.has("review")) {
            review = e.get("review").asBoolean();
        }
        String error = e.hasNonNull("error") ? e.get("error").asText() : null;
        return new TestCase.Expectation(amounts, ranges, rejections, review, reviewFlags, error);
    }

    private static BigDecimal decimal(JsonNode v, String where) {
        if (v == null || v.isNull()) {
            throw new InvalidInputException(where, "is required");
        }
        try {
            return v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText().trim());
        } catch (NumberFormatException ex) {
            throw new InvalidInputException(where, "not a number: '" + v.asText() + "'");
        }
    }
}
