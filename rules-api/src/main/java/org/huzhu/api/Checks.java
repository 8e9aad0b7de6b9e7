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

    /** A money amount that may be absent (null); present, it keeps {@link Limits}' bounds. */
    static BigDecimal amount(BigDecimal value, String field) {
        return Limits.amount(value, field);
    }

    static BigDecimal requiredAmount(BigDecimal value, String field) {
        return Limits.amount(required(value, field), field);
    }

    /** An amount the engine produced (a benefit, a range): never negative, but not bounded like input. */
    static BigDecimal nonNegative(BigDecimal value, String field) {
        if (value != null && value.signum() < 0) {
            throw new InvalidInputException(field, "must not be negative, was " + Limits.display(value));
        }
        return value;
    }

    static BigDecimal requiredNonNegative(BigDecimal value, String field) {
        return nonNegative(required(value, field), field);
    }

    static BigDecimal share(BigDecimal value, String field) {
        return Limits.share(value, field);
    }

    static void notBefore(LocalDate later, LocalDate earlier, String laterField, String earlierField) {
        if (later != null && earlier != null && later.isBefore(earlier)) {
            throw new InvalidInputException(laterField, later + " is before " + earlierField + " " + earlier);
        }
    }

    /** An immutable copy; a null element is an error naming its index (JSON {@code [null]}). */
    static <T> List<T> list(List<T> value, String field) {
        if (value == null) {
            return List.of();
        }
        for (int i = 0; i < value.size(); i++) {
            if (value.get(i) == null) {
                throw new InvalidInputException(field + "[" + i + "]", "is empty (null)");
            }
        }
        return List.copyOf(value);
    }

    /**
     * An immutable copy in the enum's declaration order: {@code Set.copyOf} iterates in an order that changes from one
     * JVM to the next, and a rule that names the first of two exclusions named a different one on each run.
     */
    static <E extends Enum<E>> Set<E> set(Set<E> value, Class<E> type, String field) {
        if (value == null) {
            return Set.of();
        }
        for (E element : value) {
            // Not value.contains(null): the immutable sets throw on that.
            if (element == null) {
                throw new InvalidInputException(field, "has an empty (null) entry");
            }
        }
        java.util.EnumSet<E> ordered = java.util.EnumSet.noneOf(type);
        ordered.addAll(value);
        return java.util.Collections.unmodifiableSet(ordered);
    }
}
