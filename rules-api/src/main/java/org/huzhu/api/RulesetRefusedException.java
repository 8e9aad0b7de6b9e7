package org.huzhu.api;

/** The sandbox check refused a DRL that reaches outside the allowed API (file I/O, processes, reflection...). */
public class RulesetRefusedException extends RulesetException {
    public RulesetRefusedException(String location, String message) {
        super(location, message);
    }
}
