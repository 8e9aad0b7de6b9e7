package org.huzhu.api;

/**
 * A benefit not paid, and why: not enrolled, not registered, an exclusion, pre-existing illness...
 *
 * @param kind   the benefit kind refused, or null when the whole claim is refused
 * @param reason the reason a clerk reads
 * @param rule   the rule that refused it, or null when the engine did (for example no enrolment)
 * @param clause the clause it rests on, or null
 */
public record Rejection(String kind, String reason, String rule, String clause) {
    public Rejection {
        Checks.requiredText(reason, "reason");
    }
}
