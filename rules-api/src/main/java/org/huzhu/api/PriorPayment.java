package org.huzhu.api;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A benefit already paid to the member.
 *
 * @param kind        the benefit kind, as in {@link Benefit#kind()}
 * @param date        the date of the event it was paid for (it decides the coverage period it counts in)
 * @param amount      the amount paid
 * @param illnessCode for once-per-illness benefits: the illness it was paid for; may be null
 */
public record PriorPayment(String kind, LocalDate date, BigDecimal amount, String illnessCode) {
    public PriorPayment {
        Checks.requiredText(kind, "kind");
        Checks.required(date, "date");
        Checks.requiredAmount(amount, "amount");
    }
}
