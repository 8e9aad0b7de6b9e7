package org.huzhu.api;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A home fire (家庭财产火灾) with the loss certified by the fire department.
 *
 * @param date          date of the fire
 * @param certifiedLoss the loss the fire department certified, in yuan
 */
public record FireLoss(LocalDate date, BigDecimal certifiedLoss) {
    public FireLoss {
        Checks.required(date, "date");
        Checks.requiredAmount(certifiedLoss, "certifiedLoss");
    }
}
