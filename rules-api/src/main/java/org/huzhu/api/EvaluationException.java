package org.huzhu.api;

/** A claim whose evaluation failed inside the rules, for example a ruleset that keeps firing past the cap. */
public class EvaluationException extends HuzhuException {
    public EvaluationException(String message) {
        super(message);
    }

    public EvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
