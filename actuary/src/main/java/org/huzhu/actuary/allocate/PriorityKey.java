package org.huzhu.actuary.allocate;

import java.util.Comparator;

/** One key of an allocation's {@link Priority}: a field of a claim and a direction. */
public enum PriorityKey {
    /** Larger self-pay (the base the decision used) first: the heaviest burden first. */
    SELF_PAY_DESC("self-pay-desc", "self-pay", Comparator.comparing((Ranked r) -> r.claim().selfPay()).reversed()),
    /** Smaller self-pay first. */
    SELF_PAY_ASC("self-pay-asc", "self-pay", Comparator.comparing((Ranked r) -> r.claim().selfPay())),
    /** Earlier application first: first come, first served. */
    APPLICATION_DATE_ASC("application-date-asc", "application-date",
            Comparator.comparing((Ranked r) -> r.claim().applicationDate())),
    /** Later application first. */
    APPLICATION_DATE_DESC("application-date-desc", "application-date",
            Comparator.comparing((Ranked r) -> r.claim().applicationDate()).reversed()),
    /** Larger amount to pay first (after the committee's amount or the range minimum). */
    AMOUNT_DESC("amount-desc", "amount", Comparator.comparing((Ranked r) -> r.amount()).reversed()),
    /** Smaller amount to pay first: the most claims paid from the budget. */
    AMOUNT_ASC("amount-asc", "amount", Comparator.comparing((Ranked r) -> r.amount())),
    /** Claim id in ascending order ({@code String.compareTo}): the tiebreak that makes every ranking total. */
    CLAIM_ID_ASC("claim-id-asc", "claim-id", Comparator.comparing((Ranked r) -> r.claim().claimId()));

    private final String label;
    private final String field;
    private final Comparator<Ranked> order;

    PriorityKey(String label, String field, Comparator<Ranked> order) {
        this.label = label;
        this.field = field;
        this.order = order;
    }

    /** The key as written in {@code --priority}: {@code self-pay-desc}. */
    public String label() {
        return label;
    }

    /** The field it orders by, whatever the direction: a priority names each field once. */
    String field() {
        return field;
    }

    Comparator<Ranked> order() {
        return order;
    }

    /** A candidate with the amount it would be paid, which is what the keys compare. */
    record Ranked(Candidate claim, java.math.BigDecimal amount, AmountSource source) {
    }
}
