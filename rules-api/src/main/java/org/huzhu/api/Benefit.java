package org.huzhu.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One benefit due, traced to the rule and clause that grant it.
 *
 * @param kind        what is paid, e.g. {@code INPATIENT_SUBSIDY} (住院医疗费用补助金)
 * @param amount      the amount, rounded as the ruleset declares; null when {@code range} is set
 * @param range       a range for a committee to decide within, instead of an amount; otherwise null
 * @param rule        the DRL rule that granted it
 * @param clause      the source clause the rule rests on
 * @param explanation the working, step by step: message keys with typed values, rendered by {@link Texts}
 * @param parameters  the ruleset parameters that decided it, by name ({@code name[key]} for a table entry): those
 *                    its rule's conditions read and those its consequence read, each with value and provenance
 */
public record Benefit(
        String kind,
        BigDecimal amount,
        AmountRange range,
        String rule,
        String clause,
        List<Message> explanation,
        Map<String, ParameterUse> parameters) {

    public Benefit {
        Checks.requiredText(kind, "kind");
        if ((amount == null) == (range == null)) {
            throw new InvalidInputException("amount", "exactly one of amount and range must be set");
        }
        explanation = Checks.list(explanation, "explanation");
        // Kept in the order read (conditions first): Map.copyOf would shuffle the line a clerk reads.
        parameters = parameters == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
    }
}
