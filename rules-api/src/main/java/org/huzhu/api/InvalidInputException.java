package org.huzhu.api;

/**
 * Bad input: a missing or negative amount, discharge before admission, malformed JSON or YAML.
 * {@link #field()} names the offending field (a JSON path such as {@code claim.stays[1].selfPay})
 * or a file and line.
 */
public class InvalidInputException extends HuzhuException {
    private final String field;

    public InvalidInputException(String field, String message) {
        super(field == null || field.isEmpty() ? message : field + ": " + message);
        this.field = field;
    }

    public InvalidInputException(String field, String message, Throwable cause) {
        super(field == null || field.isEmpty() ? message : field + ": " + message, cause);
        this.field = field;
    }

    /** The field, JSON path or {@code file:line} that is wrong. */
    public String field() {
        return field;
    }
}
