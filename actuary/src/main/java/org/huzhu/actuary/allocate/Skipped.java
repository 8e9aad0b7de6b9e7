package org.huzhu.actuary.allocate;

import java.util.Objects;

/**
 * A decisions line the fund does not pay: an error line, a decision that grants nothing, or a what-if. Listed with
 * why, so that every line read ends in exactly one of the paid, deferred and skipped lists.
 *
 * @param line    where it was read ({@code decisions.jsonl:6})
 * @param index   the batch entry's index
 * @param where   the claim's own source lines, as the batch line says
 * @param claimId the claim's id, or null when the batch could not read it
 * @param reason  why it is not allocated
 * @param detail  what the line says: the error's code and message, or the codes of the refusals
 */
public record Skipped(String line, long index, String where, String claimId, Reason reason, String detail) {
    /** Why a line is not allocated. */
    public enum Reason {
        /** The batch could not decide the claim: an error line (its code and message are the detail). */
        ERROR("error"),
        /** The decision grants no amount and no range (refused, or below the threshold). */
        NOTHING_GRANTED("nothing-granted"),
        /** A what-if (computed under a version not in force) is never a decision to pay on. */
        WHAT_IF("what-if");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        /** The name in the JSON output and the text. */
        public String label() {
            return label;
        }
    }

    public Skipped {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }
}
