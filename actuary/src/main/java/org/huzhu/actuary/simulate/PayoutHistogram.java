package org.huzhu.actuary.simulate;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * How many claims were paid each exact amount, in fen: the exact distribution of payouts, in memory that grows with
 * the number of distinct amounts, never with the number of claims (a Wujin population pays a few dozen amounts). An
 * open-addressing map from fen to count in two primitive arrays, so a million claims of one amount cost two slots.
 * Not thread-safe: a simulation's tally is kept on one thread; tallies of parts merge ({@link #addAll}).
 */
final class PayoutHistogram implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final long EMPTY = -1;

    private long[] keys = new long[64];
    private long[] counts = new long[64];
    private int distinct;
    private long total;

    PayoutHistogram() {
        Arrays.fill(keys, EMPTY);
    }

    /**
     * A payout in yuan as a whole number of fen: exact for amounts with at most 2 decimals (every bundled scheme
     * rounds to the fen or coarser); finer amounts are rounded half-even to the fen.
     */
    static long fen(BigDecimal yuan) {
        return yuan.setScale(2, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
    }

    /** Counts one claim paid {@code fen} (0 or more). */
    void add(long fen) {
        add(fen, 1);
    }

    void add(long fen, long n) {
        if (fen < 0) {
            throw new IllegalArgumentException("a payout is never negative: " + fen + " fen");
        }
        if ((distinct + 1) * 2L > keys.length) {
            grow();
        }
        int i = slot(keys, fen);
        if (keys[i] == EMPTY) {
            keys[i] = fen;
            distinct++;
        }
        counts[i] += n;
        total += n;
    }

    /** Adds every count of another histogram. */
    void addAll(PayoutHistogram other) {
        for (int i = 0; i < other.keys.length; i++) {
            if (other.keys[i] != EMPTY) {
                add(other.keys[i], other.counts[i]);
            }
        }
    }

    /** Claims counted. */
    long count() {
        return total;
    }

    /**
     * The distinct payouts in ascending order with their counts: {@code [fen0, count0, fen1, count1, ...]}. A copy,
     * sorted on each call.
     */
    long[] sorted() {
        long[] fens = new long[distinct];
        int n = 0;
        for (long k : keys) {
            if (k != EMPTY) {
                fens[n++] = k;
            }
        }
        Arrays.sort(fens);
        long[] pairs = new long[distinct * 2];
        for (int i = 0; i < distinct; i++) {
            pairs[2 * i] = fens[i];
            pairs[2 * i + 1] = counts[slot(keys, fens[i])];
        }
        return pairs;
    }

    /**
     * The nearest-rank percentile: the smallest payout that at least {@code ceil(p × n / 100)} of the n claims are
     * paid at most (the largest for p = 100), in fen; -1 when no claim was counted.
     *
     * @param p the percentile, 1..100
     */
    long percentile(int p) {
        if (p < 1 || p > 100) {
            throw new IllegalArgumentException("percentile 1..100: " + p);
        }
        if (total == 0) {
            return -1;
        }
        // ceil(p·n/100) in exact integer arithmetic (n below 2^63/100 claims).
        long rank = (Math.multiplyExact(p, total) + 99) / 100;
        long[] pairs = sorted();
        long seen = 0;
        for (int i = 0; i < pairs.length; i += 2) {
            seen += pairs[i + 1];
            if (seen >= rank) {
                return pairs[i];
            }
        }
        throw new IllegalStateException("rank " + rank + " beyond " + total);
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldCounts = counts;
        keys = new long[oldKeys.length * 2];
        counts = new long[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int j = slot(keys, oldKeys[i]);
                keys[j] = oldKeys[i];
                counts[j] = oldCounts[i];
            }
        }
    }

    /** The slot holding {@code fen}, or the empty one where it goes (linear probing; the table is at most half full). */
    private static int slot(long[] keys, long fen) {
        int mask = keys.length - 1;
        // Fibonacci hashing spreads amounts that are multiples of 100 fen (whole yuan) over the table.
        int i = (int) ((fen * 0x9E3779B97F4A7C15L) >>> 40) & mask;
        while (keys[i] != EMPTY && keys[i] != fen) {
            i = (i + 1) & mask;
        }
        return i;
    }
}
