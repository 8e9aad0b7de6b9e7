package org.huzhu.api;

/**
 * A decision a person must complete, e.g. a committee choosing an amount within a range.
 *
 * @param kind   the benefit kind concerned
 * @param reason what must be reviewed
 * @param rule   the rule that raised it
 */
public record ReviewFlag(String kind, String reason, String rule) {
    public ReviewFlag {
        Checks.requiredText(reason, "reason");
    }
}
