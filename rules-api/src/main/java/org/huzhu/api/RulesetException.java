package org.huzhu.api;

/**
 * A ruleset that cannot be used: its DRL does not compile, the sandbox check refuses it, or its metadata or
 * parameters are malformed. {@link #location()} names the file and, where known, the line.
 */
public class RulesetException extends HuzhuException {
    private final String location;

    public RulesetException(String location, String message) {
        super(location + ": " + message);
        this.location = location;
    }

    public RulesetException(String location, String message, Throwable cause) {
        super(location + ": " + message, cause);
        this.location = location;
    }

    /** {@code file} or {@code file:line}. */
    public String location() {
        return location;
    }
}
