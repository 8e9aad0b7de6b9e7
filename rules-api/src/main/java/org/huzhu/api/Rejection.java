package org.huzhu.api;

/**
 * A benefit not paid, and why: not enrolled, not registered, an exclusion, pre-existing illness...
 *
 * @param code    why, as a stable code
 * @param kind    the benefit kind refused, or null when the whole claim is refused
 * @param stay    the stay it concerns (its id, or "stay 2" / "earlier stay 1"), or null when it concerns no one stay
 * @param message the reason a clerk reads: a message key and its values, rendered by {@link Texts}
 * @param rule    the rule that refused it, or null when the engine did (for example no enrolment)
 * @param clause  the clause it rests on, or null
 */
public record Rejection(ReasonCode code, String kind, String stay, Message message, String rule, String clause) {
    public Rejection {
        Checks.required(code, "code");
        Checks.required(message, "message");
    }
}
