package org.huzhu.examples;

import java.nio.file.Path;
import org.huzhu.actuary.population.Population;
import org.huzhu.actuary.simulate.Scenario;
import org.huzhu.actuary.simulate.Simulation;
import org.huzhu.actuary.simulate.SimulationFiles;
import org.huzhu.actuary.simulate.SimulationSummary;
import org.huzhu.api.Language;
import org.huzhu.api.RulesetInfo;
import org.huzhu.api.SubsidyEngine;

/**
 * Prices a reform through the Java API, as {@code huzhu simulate --reform} does: "if Shaoxing paid 70% instead of
 * 80%, capped at 40,000, what would last year's claims have cost, and who would lose?"
 *
 * <ol>
 *   <li>one engine on the bundled rulesets decides the baseline, {@code shaoxing@2015};</li>
 *   <li>a second engine holds the reform file, which replaces its base {@code shaoxing@2015} in that engine;</li>
 *   <li>a {@link Simulation} evaluates every claim of the population under both, carrying each member's payments
 *       forward separately under each (a member who reached the cap under the reform reaches it sooner);</li>
 *   <li>{@link SimulationFiles} writes the per-claim CSV, the summary JSON and the HTML report.</li>
 * </ol>
 *
 * <p>Run from the project root after {@code mvn package} (README, "A reform through the Java API"), with no arguments
 * (the four claims of {@code examples/populations/shaoxing-2024.jsonl}) or with {@code POPULATION REFORM OUT}; a
 * population {@code huzhu generate} wrote works too.
 */
public final class ReformExample {
    private ReformExample() {
    }

    /**
     * Simulates the reform against its base over the population and writes the three outputs to {@code out}.
     *
     * @return the summary (also in {@code out/summary.json})
     */
    public static SimulationSummary run(Path population, Path reformFile, Path out) {
        SubsidyEngine bundled = SubsidyEngine.builder().build();
        SubsidyEngine withReform = SubsidyEngine.builder().reform(reformFile).build();
        RulesetInfo reform = withReform.rulesets().stream().filter(r -> r.reform() != null).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(reformFile + " holds no reform"));
        String base = reform.id();   // the version the reform replaces, e.g. shaoxing@2015

        Scenario baseline = Scenario.of(bundled, base);
        Scenario proposal = new Scenario(reform.reform().name(), withReform, base);
        Simulation simulation = new Simulation(baseline, proposal);
        try (Population claims = Population.open(population)) {
            return SimulationFiles.write(simulation, claims, out, Language.EN, done -> { });
        }
    }

    public static void main(String[] args) {
        Path population = Path.of(args.length > 0 ? args[0] : "examples/populations/shaoxing-2024.jsonl");
        Path reform = Path.of(args.length > 1 ? args[1] : "examples/reforms/shaoxing-70-40000.yaml");
        Path out = Path.of(args.length > 2 ? args[2] : "target/reform-example");
        SimulationSummary s = run(population, reform, out);
        System.out.printf("%d claims of %d members: %s cost %s, %s cost %s, delta %s (%s%%); "
                        + "%d claims lose, %d gain, %d unchanged. Outputs in %s%n",
                s.claims(), s.members(), s.baseline().name(), s.baseline().cost().toPlainString(),
                s.reform().name(), s.reform().cost().toPlainString(), s.delta().toPlainString(),
                s.deltaPercent() == null ? "-" : s.deltaPercent().toPlainString(), s.claimOutcomes().losers(),
                s.claimOutcomes().winners(), s.claimOutcomes().unchanged(), out.toAbsolutePath());
    }
}
