package org.huzhu.spark;

import java.io.Serializable;

/**
 * A row of the job's output (a bean, for {@code Encoders.bean}): an entry's row of the per-claim CSV, rendered where
 * it was decided ({@code ClaimsCsv.line}), with its index for the order; or, once per partition, the partition's
 * summary tally (Java-serialized {@code SummaryTally}, index -1), which Spark reduces into the whole's.
 */
public class OutcomeRow implements Serializable {
    private static final long serialVersionUID = 1L;

    private long index;
    private String claimId;
    private String line;
    private byte[] tally;

    public OutcomeRow() {
    }

    static OutcomeRow claim(long index, String claimId, String line) {
        OutcomeRow r = new OutcomeRow();
        r.index = index;
        r.claimId = claimId;
        r.line = line;
        return r;
    }

    static OutcomeRow tally(byte[] tally) {
        OutcomeRow r = new OutcomeRow();
        r.index = -1;
        r.tally = tally;
        return r;
    }

    public long getIndex() {
        return index;
    }

    public void setIndex(long index) {
        this.index = index;
    }

    public String getClaimId() {
        return claimId;
    }

    public void setClaimId(String claimId) {
        this.claimId = claimId;
    }

    public String getLine() {
        return line;
    }

    public void setLine(String line) {
        this.line = line;
    }

    public byte[] getTally() {
        return tally;
    }

    public void setTally(byte[] tally) {
        this.tally = tally;
    }
}
