package org.huzhu.api;

/**
 * Something a clerk should know that changes nothing, e.g. a stay admitted outside the coverage period (it counts 0).
 *
 * @param code    why, as a stable code
 * @param kind    the benefit kind it concerns, or null
 * @param stay    the stay it concerns (its id, or "stay 2" / "earlier stay 1"), or null
 * @param message the message a clerk reads: a message key and its values, rendered by {@link Texts}
 * @param rule    the rule that raised it, or null when the engine did
 */
public record Warning(ReasonCode code, String kind, String stay, Message message, String rule) {
    public Warning {
        Checks.required(code, "code");
        Checks.required(message, "message");
    }
}
