package org.huzhu.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One typed value of a {@link Message}: what the placeholder {@code {n}} of the message's template shows. The type
 * decides how it is written in each language (money with thousands separators, a rate as a percentage, a period as
 * a range of dates), so templates hold words and never format figures themselves.
 */
public sealed interface Value {

    /** The type's name as JSON writes it: {@code money}, {@code rate}, {@code date}, … */
    String type();

    /** An amount in yuan. */
    record Money(BigDecimal amount) implements Value {
        public Money {
            Checks.required(amount, "amount");
        }

        @Override
        public String type() {
            return "money";
        }
    }

    /** A fraction, shown as a percentage (0.545 → 54.5%). */
    record Rate(BigDecimal rate) implements Value {
        public Rate {
            Checks.required(rate, "rate");
        }

        @Override
        public String type() {
            return "rate";
        }
    }

    /** A date. */
    record Date(LocalDate date) implements Value {
        public Date {
            Checks.required(date, "date");
        }

        @Override
        public String type() {
            return "date";
        }
    }

    /** A whole number: an age, a number of days or months. */
    record Count(long number) implements Value {
        @Override
        public String type() {
            return "integer";
        }
    }

    /**
     * Text shown as it is, in every language: an id, an illness or exclusion code, a parameter's name. Never English
     * words: those belong in a template.
     */
    record Text(String text) implements Value {
        public Text {
            Checks.required(text, "text");
        }

        @Override
        public String type() {
            return "text";
        }
    }

    /**
     * An enum constant of the model (a cause of death, a kind of medical insurance): shown by its display name in
     * the bundle ({@code enum.DeathCause.ILLNESS}), or by its name where the bundle has none.
     */
    record Code(String enumType, String name) implements Value {
        public Code {
            Checks.requiredText(enumType, "enumType");
            Checks.requiredText(name, "name");
        }

        @Override
        public String type() {
            return "code";
        }
    }

    /** A coverage period. */
    record Period(LocalDate from, LocalDate to) implements Value {
        public Period {
            Checks.required(from, "from");
            Checks.required(to, "to");
        }

        @Override
        public String type() {
            return "period";
        }
    }

    /**
     * A stay: its id, or else its number among the claim's stays (or the history's earlier stays), which each
     * language names its own way ("stay 2", "第2次就诊").
     */
    record StayRef(String id, int number, boolean earlier) implements Value {
        @Override
        public String type() {
            return "stay";
        }
    }

    /** A band or tier of a parameter: from (exclusive or inclusive) up to {@code to}, or without end when null. */
    record Band(BigDecimal from, BigDecimal to, boolean lowerInclusive) implements Value {
        public Band {
            Checks.required(from, "from");
        }

        @Override
        public String type() {
            return "band";
        }
    }

    /** A message inside a message, e.g. what an amount is ("个人自理") in a multiplication step. */
    record Nested(Message message) implements Value {
        public Nested {
            Checks.required(message, "message");
        }

        @Override
        public String type() {
            return "message";
        }
    }

    /** Several messages shown as one list, e.g. the working of a stay's count. */
    record Steps(List<Message> steps) implements Value {
        public Steps {
            steps = List.copyOf(steps);
        }

        @Override
        public String type() {
            return "steps";
        }
    }
}
