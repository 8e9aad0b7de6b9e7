package org.huzhu.actuary.allocate;

/** Where the amount allocated to a claim comes from. */
public enum AmountSource {
    /** The decision's fixed amounts (its total). */
    DECISION("decision"),
    /** A range under review, at the amount the committee set (the reviews file). */
    COMMITTEE("committee"),
    /** A range under review with no committee amount given: at the range's minimum. */
    RANGE_MINIMUM("range-minimum");

    private final String label;

    AmountSource(String label) {
        this.label = label;
    }

    /** The name in the JSON output and the text. */
    public String label() {
        return label;
    }
}
