package org.huzhu.api;

import java.util.Map;

/**
 * A benefit not paid, and why: not enrolled, not registered, an exclusion, pre-existing illness...
 *
 * @param code       why, as a stable code
 * @param kind       the benefit kind refused, or null when the whole claim is refused
 * @param stay       the stay it concerns (its id, or "stay 2" / "earlier stay 1"), or null when it concerns no one stay
 * @param message    the reason a clerk reads: a message key and its values, rendered by {@link Texts}
 * @param rule       the rule that refused it, or null when the engine did (for example no enrolment)
 * @param clause     the clause it rests on, or null
 * @param parameters the ruleset parameters that decided it, by name, as {@link Benefit#parameters()}: those its
 *                   rule's conditions read and those its consequence read before refusing; empty when the engine
 *                   refused
 */
public record Rejection(ReasonCode code, String kind, String stay, Message message, String rule, String clause,
                        Map<String, ParameterUse> parameters) {
    public Rejection {
        Checks.required(code, "code");
        Checks.required(message, "message");
        parameters = parameters == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
    }

    /** A rejection that no parameter decided (the engine's own, such as no enrolment). */
    public Rejection(ReasonCode code, String kind, String stay, Message message, String rule, String clause) {
        this(code, kind, stay, message, rule, clause, Map.of());
    }
}
