package org.huzhu.api.ruleset;

/**
 * Where a parameter's value comes from, so that an actuary can tell a stated figure from a guess.
 *
 * @param label  {@code seed} (stated in the source), {@code derived} (arithmetic on seed figures) or
 *               {@code assumed} (our choice)
 * @param source the source document
 * @param clause for seed: the quoted clause (in Chinese)
 * @param how    for derived: how it follows
 * @param why    for assumed: why we chose it
 * @param stated the figure the source states, as text in the value's own form (e.g. {@code 5000}), or null: a value
 *               that differs from it (an override, a draft) is flagged in every explanation that uses it
 */
public record Provenance(String label, String source, String clause, String how, String why, String stated) {
    public Provenance(String label, String source, String clause, String how, String why) {
        this(label, source, clause, how, why, null);
    }

    /** This provenance with the figure the source states. */
    public Provenance withStated(String statedValue) {
        return new Provenance(label, source, clause, how, why, statedValue);
    }

    @Override
    public String toString() {
        return switch (label) {
            case "seed" -> "[seed] " + clause;
            case "derived" -> "[derived] " + how;
            default -> "[assumed] " + why;
        };
    }
}
