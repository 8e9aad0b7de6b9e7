package org.huzhu.actuary.allocate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import org.huzhu.api.AmountRange;
import org.huzhu.api.InvalidInputException;
import org.huzhu.api.Limits;

/**
 * An approved claim waiting for the fund: a decision that grants something, with what the priority ranks it by.
 *
 * @param line            where the decision was read ({@code decisions.jsonl:4}); names it in errors
 * @param index           the batch entry's index ({@code huzhu batch} counts every claim from 0)
 * @param where           the claim's own source lines, as the batch line says ({@code claims.jsonl:4})
 * @param claimId         the claim's id; unique among the decisions allocated together
 * @param applicationDate the date of application (申请日期; Hunan dates its claims by it)
 * @param selfPay         the base the decision used (Hunan: {@code selfPayInWindow}, the 12-month self-pay)
 * @param granted         the fixed amounts granted (the decision's {@code total}); 0 when only a range is granted
 * @param underReview     the range a committee decides the amount in (Hunan above 300,000: 30,000–50,000), or null
 */
public record Candidate(String line, long index, String where, String claimId, LocalDate applicationDate,
        BigDecimal selfPay, BigDecimal granted, AmountRange underReview) {
    public Candidate {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(where, "where");
        if (claimId == null || claimId.isBlank()) {
            throw new InvalidInputException(line, "a candidate needs a claim id");
        }
        Objects.requireNonNull(applicationDate, "applicationDate");
        Objects.requireNonNull(selfPay, "selfPay");
        Objects.requireNonNull(granted, "granted");
        // Whole fen, at scale 2: the amounts are compared and summed against the budget.
        selfPay = Limits.amount(selfPay, line + " selfPay").setScale(2);
        granted = Limits.amount(granted, line + " granted").setScale(2);
        if (underReview != null) {
            underReview = new AmountRange(Limits.amount(underReview.min(), line + " underReview.min").setScale(2),
                    Limits.amount(underReview.max(), line + " underReview.max").setScale(2));
        }
        if (granted.signum() == 0 && underReview == null) {
            throw new InvalidInputException(line, "claim " + claimId + " is granted nothing: not a candidate");
        }
    }
}
