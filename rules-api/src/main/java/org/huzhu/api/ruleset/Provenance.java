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
 */
public record Provenance(String label, String source, String clause, String how, String why) {
    @Override
    public String toString() {
        return switch (label) {
            case "seed" -> "[seed] " + clause;
            case "derived" -> "[derived] " + how;
            default -> "[assumed] " + why;
        };
    }
}
