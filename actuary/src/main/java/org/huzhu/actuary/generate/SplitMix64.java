package org.huzhu.actuary.generate;

/**
 * The generator's source of randomness: SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014; the constants of Vigna's reference {@code splitmix64.c}), written out here so that a seed
 * gives the same numbers on every JVM and machine. {@link java.util.SplittableRandom} uses the same algorithm, but
 * its Javadoc does not promise it, and the JDK's {@code nextGaussian} changed algorithm in Java 17; the draws below
 * are ours, and they use {@link StrictMath}, whose results are bit-for-bit the same everywhere ({@link Math} may use
 * faster platform intrinsics).
 *
 * <p>Each member of a population draws from a stream of its own: {@link #forMember} seeds it with the member's
 * index-th output of SplitMix64 seeded with the population's seed, so member i's draws do not depend on how many
 * draws the members before it made, and a population of n claims is the start of one of more claims.
 */
final class SplitMix64 {
    /** The golden-ratio increment, 2⁶⁴/φ, odd. */
    private static final long GAMMA = 0x9e3779b97f4a7c15L;
    /** 2⁻⁵³: a 53-bit whole number times this is a double in [0, 1) with every value equally likely. */
    private static final double UNIT = 0x1.0p-53;

    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    /** The stream of member {@code index} (from 0) of the population seeded with {@code seed}. */
    static SplitMix64 forMember(long seed, long index) {
        return new SplitMix64(mix(seed + GAMMA * (index + 1)));
    }

    /** SplitMix64's output function (a variant of MurmurHash3's finaliser). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        state += GAMMA;
        return mix(state);
    }

    /** Uniform in [0, 1). */
    double uniform() {
        return (nextLong() >>> 11) * UNIT;
    }

    /** True with probability {@code p}. */
    boolean chance(double p) {
        return uniform() < p;
    }

    /** A whole number uniform in [from, to], both included. */
    int between(int from, int to) {
        return from + (int) (uniform() * ((long) to - from + 1));
    }

    /** Uniform in [from, to). */
    double uniform(double from, double to) {
        return from + uniform() * (to - from);
    }

    /**
     * A standard normal deviate, by Box and Muller's transform of two uniform draws (the cosine branch only, so each
     * call makes exactly two draws).
     */
    double normal() {
        double u1 = 1.0 - uniform();      // in (0, 1]: the logarithm is finite
        double u2 = uniform();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }

    /** A lognormal deviate with this median (e^μ) and σ: median × e^(σZ). */
    double lognormal(double median, double sigma) {
        return median * StrictMath.exp(sigma * normal());
    }

    /**
     * A geometric count from 1 with this mean (≥ 1): P(k) = p(1−p)^(k−1) with p = 1/mean, drawn by inverting its
     * distribution function; at most {@code max}.
     */
    int geometric(double mean, int max) {
        if (mean <= 1.0) {
            return 1;
        }
        double p = 1.0 / mean;
        double u = 1.0 - uniform();      // in (0, 1]
        double k = 1.0 + StrictMath.floor(StrictMath.log(u) / StrictMath.log1p(-p));
        return (int) Math.min(max, k);
    }

    /** An index into {@code shares} (which sum to 1), each with its share's probability; the last takes any rounding. */
    int pick(double[] shares) {
        double u = uniform();
        double sum = 0;
        for (int i = 0; i < shares.length - 1; i++) {
            sum += shares[i];
            if (u < sum) {
                return i;
            }
        }
        return shares.length - 1;
    }
}
