package org.huzhu.actuary.allocate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.huzhu.actuary.population.Lines;
import org.huzhu.api.AmountRange;
import org.huzhu.api.InvalidInputException;
import org.huzhu.api.Limits;
import org.huzhu.api.json.HuzhuJson;

/**
 * The decisions a fund allocation starts from: the candidates (decisions that grant an amount or a range) and the
 * lines skipped with why. Read from what {@code huzhu batch} writes ({@code schemas/batch-result.schema.json}: one
 * line per claim, a decision or an error), so that batch output pipes straight into {@code huzhu allocate}.
 *
 * <p>A line that is not a batch result line (not JSON, a field missing or of the wrong type), two lines of one claim
 * id, or a granting decision without the base to rank it by, is an {@link InvalidInputException} naming the line:
 * the allocation of a budget is not made from input that was misread. Blank lines are not entries.
 *
 * @param candidates the decisions that grant something, in input order
 * @param skipped    the lines not allocated, in input order
 */
public record Decisions(List<Candidate> candidates, List<Skipped> skipped) {
    /** The base Hunan's rules rank by: the 12-month self-pay after insurance, aid and assistance (care.drl). */
    public static final String HUNAN_BASE = "selfPayInWindow";

    public Decisions {
        candidates = List.copyOf(candidates);
        skipped = List.copyOf(skipped);
        // One claim paid twice, or a committee amount that could mean either line: never guessed.
        Map<String, String> lineOf = new HashMap<>();
        for (Candidate c : candidates) {
            unique(lineOf, c.claimId(), c.line());
        }
        for (Skipped s : skipped) {
            if (s.claimId() != null) {
                unique(lineOf, s.claimId(), s.line());
            }
        }
    }

    /** Every line read: candidates and skipped. */
    public int entries() {
        return candidates.size() + skipped.size();
    }

    /**
     * Reads batch result lines (UTF-8, each at most {@link org.huzhu.actuary.population.Population#MAX_LINE_BYTES}
     * bytes). A candidate's self-pay is the amount of the decision's explanation step that
     * totals {@code base} ({@code engine.total}); its application date is the line's {@code applicationDate}.
     *
     * @param source the name of the input in messages ({@code decisions.jsonl}, {@code <stdin>})
     * @param base   the name of the base the decisions rank by, {@link #HUNAN_BASE} for Hunan's
     */
    public static Decisions read(InputStream in, String source, String base) {
        List<Candidate> candidates = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        // Decoded a line at a time, so that a byte that is not UTF-8 is reported at its own line.
        Lines lines = new Lines(in, source);   // reads in blocks of its own
        for (Lines.Line line; (line = lines.next()) != null; ) {
            if (line.error() != null) {
                throw line.error();
            }
            if (line.text().isBlank()) {
                continue;
            }
            Object entry = entry(line.text(), line.where(), base);
            if (entry instanceof Candidate c) {
                candidates.add(c);
            } else {
                skipped.add((Skipped) entry);
            }
        }
        return new Decisions(candidates, skipped);
    }

    private static Object entry(String text, String line, String base) {
        JsonNode node;
        try {
            node = HuzhuJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(line, "not a batch result line (huzhu batch output): "
                    + e.getOriginalMessage());
        }
        if (!node.isObject()) {
            throw new InvalidInputException(line, "not a batch result line (huzhu batch output): not a JSON object");
        }
        long index = integer(node, "index", line + " ");
        String where = text(node, "where", line + " ");
        JsonNode claimIdNode = node.get("claimId");
        String claimId = claimIdNode == null ? null : text(node, "claimId", line + " ");
        JsonNode error = node.get("error");
        JsonNode decision = node.get("decision");
        if ((error == null) == (decision == null)) {
            throw new InvalidInputException(line, "a batch result line has exactly one of 'decision' and 'error'");
        }
        if (error != null) {
            return new Skipped(line, index, where, claimId, Skipped.Reason.ERROR,
                    text(error, "code", line + " error.") + ": " + text(error, "message", line + " error."));
        }
        String decided = text(decision, "claimId", line + " decision.");
        if (claimId != null && !claimId.equals(decided)) {
            throw new InvalidInputException(line, "claimId " + claimId + " but its decision is for " + decided);
        }
        JsonNode whatIf = decision.get("whatIf");
        if (whatIf == null || !whatIf.isBoolean()) {
            throw new InvalidInputException(line + " decision.whatIf", "expected true or false, got " + whatIf);
        }
        if (whatIf.booleanValue()) {
            return new Skipped(line, index, where, decided, Skipped.Reason.WHAT_IF,
                    "computed under " + decision.path("scheme").asText() + "@" + decision.path("version").asText()
                            + " as a what-if, never a decision to pay on");
        }
        BigDecimal total = amount(decision, "total", line + " decision.");
        AmountRange range = null;
        JsonNode pending = decision.get("pendingRange");
        if (pending != null) {
            String field = line + " decision.pendingRange.";
            range = new AmountRange(amount(pending, "min", field), amount(pending, "max", field));
        }
        if (total.signum() == 0 && range == null) {
            JsonNode rejections = decision.get("rejections");
            if (rejections == null || !rejections.isArray()) {
                throw new InvalidInputException(line + " decision.rejections", "expected a list");
            }
            Set<String> codes = new LinkedHashSet<>();
            rejections.forEach(r -> codes.add(r.path("code").asText()));
            return new Skipped(line, index, where, decided, Skipped.Reason.NOTHING_GRANTED,
                    codes.isEmpty() ? "no benefit granted" : "refused: " + String.join(", ", codes));
        }
        JsonNode date = node.get("applicationDate");
        if (date == null) {
            throw new InvalidInputException(line, "no applicationDate: the line was not written by this version's "
                    + "huzhu batch (run the claims through it again)");
        }
        LocalDate applicationDate;
        try {
            applicationDate = LocalDate.parse(text(node, "applicationDate", line + " "));
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(line + " applicationDate", "expected a date yyyy-MM-dd, got "
                    + date);
        }
        BigDecimal selfPay = base(decision, base, line, decided);
        return new Candidate(line, index, where, decided, applicationDate, selfPay, total, range);
    }

    /** The amount of the base in the decision's explanations: the steps that total it must agree. */
    private static BigDecimal base(JsonNode decision, String base, String line, String claimId) {
        Set<BigDecimal> found = new LinkedHashSet<>();
        JsonNode benefits = decision.path("benefits");
        for (int b = 0; b < benefits.size(); b++) {
            JsonNode steps = benefits.get(b).path("explanation");
            for (int s = 0; s < steps.size(); s++) {
                JsonNode values = steps.get(s).path("values");
                if (steps.get(s).path("key").asText().equals("engine.total") && values.size() == 2
                        && values.get(0).path("enumType").asText().equals("base")
                        && values.get(0).path("name").asText().equals(base)) {
                    found.add(amount(values.get(1), "amount", line + " decision.benefits[" + b + "].explanation["
                            + s + "].values[1]."));
                }
            }
        }
        if (found.isEmpty()) {
            throw new InvalidInputException(line, "claim " + claimId + " is granted an amount but its decision "
                    + "carries no base '" + base + "' to rank it by (allocation ranks Hunan decisions by their "
                    + HUNAN_BASE + "; another scheme's base can be named)");
        }
        if (found.size() > 1) {
            throw new InvalidInputException(line, "claim " + claimId + ": its benefits total the base '" + base
                    + "' differently: " + found.stream().map(BigDecimal::toPlainString)
                    .collect(Collectors.joining(", ")));
        }
        return found.iterator().next();
    }

    private static void unique(Map<String, String> lineOf, String claimId, String line) {
        String before = lineOf.putIfAbsent(claimId, line);
        if (before != null) {
            throw new InvalidInputException(line, "claim " + claimId + " again (first at " + before + "): each "
                    + "claim is allocated once");
        }
    }

    /** A whole number; {@code prefix} is the line and path before the field's name, e.g. "decisions.jsonl:3 ". */
    private static long integer(JsonNode node, String field, String prefix) {
        JsonNode v = node.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new InvalidInputException(prefix + field, "expected a whole number, got " + v);
        }
        return v.longValue();
    }

    private static String text(JsonNode node, String field, String prefix) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new InvalidInputException(prefix + field, "expected a text, got " + v);
        }
        return v.textValue();
    }

    /** An amount in yuan, checked as every amount is (not negative, whole fen), at scale 2. */
    private static BigDecimal amount(JsonNode node, String field, String prefix) {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber()) {
            throw new InvalidInputException(prefix + field, "expected an amount in yuan, got " + v);
        }
        return Limits.amount(v.decimalValue(), prefix + field).setScale(2);
    }
}
