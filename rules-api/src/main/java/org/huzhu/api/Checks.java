package org.huzhu.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** Argument checks shared by the model's records; every failure names the field. */
final class Checks {
    private Checks() {
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new InvalidInputException(field, "is required");
        }
        return value;
    }

    static String requiredText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
        return value;
    }

    /** A money amount that may be absent (null) but never negative. */
    static BigDecimal nonNegative(BigDecimal value, String field) {
        if (value != null && value.signum() < 0) {
            throw new InvalidInputException(field, "must not be negative, was " + value.toPlainString());
        }
        return value;
    }

    static BigDecimal requiredNonNegative(BigDecimal value, String field) {
        return nonNegative(required(value, field), field);
    }

    static BigDecimal share(BigDecimal value, String field) {
        if (value != null && (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0)) {
            throw new InvalidInputException(field, "must be a share between 0 and 1, was " + value.toPlainString());
        }
        return value;
    }

    static void notBefore(LocalDate later, LocalDate earlier, String laterField, String earlierField) {
        if (later != null && earlier != null && later.isBefore(earlier)) {
            throw new InvalidInputException(laterField, later + " is before " + earlierField + " " + earlier);
        }
    }

    static <T> List<T> list(List<T> value) {
        return value == null ? List.of() : List.copyOf(value);
    }

    static <T> Set<T> set(Set<T> value) {
        return value == null ? Set.of() : Set.copyOf(value);
    }
}
