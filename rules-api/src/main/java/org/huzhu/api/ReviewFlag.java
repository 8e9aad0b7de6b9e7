package org.huzhu.api;

/**
 * A decision a person must complete, e.g. a committee choosing an amount within a range.
 *
 * @param code    what must be reviewed, as a stable code
 * @param kind    the benefit kind concerned
 * @param stay    the stay it concerns, or null
 * @param message what must be reviewed, in words
 * @param rule    the rule that raised it
 */
public record ReviewFlag(ReasonCode code, String kind, String stay, Message message, String rule) {
    public ReviewFlag {
        Checks.required(code, "code");
        Checks.required(message, "message");
    }
}
