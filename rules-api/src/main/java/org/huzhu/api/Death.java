package org.huzhu.api;

import java.time.LocalDate;

/**
 * The member's death (身故).
 *
 * @param date  date of death
 * @param cause illness, accident or work injury
 */
public record Death(LocalDate date, DeathCause cause) {
    public Death {
        Checks.required(date, "date");
        Checks.required(cause, "cause");
    }

    /** What the member died of. */
    public enum DeathCause {
        ILLNESS, ACCIDENT, WORK_INJURY
    }
}
