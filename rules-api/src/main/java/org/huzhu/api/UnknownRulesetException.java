package org.huzhu.api;

/** The scheme, or the pinned version of it, is not among the loaded rulesets. */
public class UnknownRulesetException extends HuzhuException {
    public UnknownRulesetException(String message) {
        super(message);
    }
}
