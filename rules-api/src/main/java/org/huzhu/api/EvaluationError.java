package org.huzhu.api;

/**
 * Why one request of a batch ended without a decision, typed so that a caller can route it without parsing text.
 *
 * @param code    what kind of error, stable
 * @param field   the field, JSON path or {@code file:line} that is wrong ({@code claim.stays[0].coPay}), or null when
 *                no one field is
 * @param message the whole message, as the exception gives it (with the field first when there is one)
 */
public record EvaluationError(Code code, String field, String message) {
    public EvaluationError {
        Checks.required(code, "code");
        Checks.requiredText(message, "message");
    }

    /** The kinds of error, one per exception type {@link SubsidyEngine} throws. */
    public enum Code {
        /** {@link InvalidInputException}: the request is wrong; {@code field} names where. */
        INVALID_INPUT,
        /** {@link UnknownRulesetException}: no ruleset by that scheme or version. */
        UNKNOWN_RULESET,
        /** {@link NoVersionInForceException}: no version of the scheme is in force on the claim date. */
        NO_VERSION_IN_FORCE,
        /** {@link PinnedVersionNotInForceException}: the pinned version is not in force on the claim date. */
        PINNED_VERSION_NOT_IN_FORCE,
        /** {@link RulesetException}: the ruleset that would decide is refused or broken. */
        RULESET_ERROR,
        /** {@link EvaluationException}: the rules failed at run time (threw, or ran past a cap or time limit). */
        EVALUATION_ERROR
    }

    /** The error for an exception the engine threw for one request. */
    public static EvaluationError of(HuzhuException e) {
        Code code;
        String field = null;
        if (e instanceof InvalidInputException invalid) {
            code = Code.INVALID_INPUT;
            field = invalid.field() == null || invalid.field().isEmpty() ? null : invalid.field();
        } else if (e instanceof UnknownRulesetException) {
            code = Code.UNKNOWN_RULESET;
        } else if (e instanceof PinnedVersionNotInForceException) {
            code = Code.PINNED_VERSION_NOT_IN_FORCE;
        } else if (e instanceof NoVersionInForceException) {
            code = Code.NO_VERSION_IN_FORCE;
        } else if (e instanceof RulesetException) {
            code = Code.RULESET_ERROR;
        } else {
            code = Code.EVALUATION_ERROR;
        }
        String message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
                : e.getMessage();
        return new EvaluationError(code, field, message);
    }
}
