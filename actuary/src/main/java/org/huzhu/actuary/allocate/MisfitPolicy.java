package org.huzhu.actuary.allocate;

/**
 * What the allocation does when the next claim in priority order does not fit in what is left of the budget (claims
 * are paid whole, never in part).
 */
public enum MisfitPolicy {
    /** Defer it and go on: a smaller claim further down may still fit and be paid (the default). */
    SKIP_AND_CONTINUE("skip-and-continue"),
    /** Defer it and every claim after it: the budget left stays unspent, and priority order is never overtaken. */
    STOP_AT_FIRST_MISFIT("stop-at-first-misfit");

    private final String label;

    MisfitPolicy(String label) {
        this.label = label;
    }

    /** The name in the JSON output and the text. */
    public String label() {
        return label;
    }
}
