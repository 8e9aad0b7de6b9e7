package org.huzhu.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.huzhu.actuary.simulate.SimulationSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reform example end to end: the Shaoxing 70% / 40,000 reform against shaoxing@2015 over
 * {@code populations/shaoxing-2024.jsonl}, every figure worked by hand from ../shared/schemes.md §2 (80% of the
 * self-pay after MI, 50,000 a year counting what the year paid, 25 a day, fractions dropped) and the reform's 70% and
 * 40,000.
 *
 * <pre>
 * claim  self-pay  days | baseline                              | reform
 * A1     40,000    10   | 32,000 + 250 = 32,250                 | 28,000 + 250 = 28,250
 * A2     30,000     4   | 24,000 → 50,000 − 32,000 = 18,000 +100 | 21,000 → 40,000 − 28,000 = 12,000 + 100
 * A3      1,000     2   | 800 → cap used up: 0 + 50             | 700 → 0 + 50
 * B1      2,287.99 10   | 1,830.392 → 1,830 + 250 = 2,080       | 1,601.593 → 1,601 + 250 = 1,851
 * total                 | 52,480                                | 42,251       delta −10,229 (−19.49%)
 * </pre>
 *
 * A2 shows why each scenario carries its own history: with the baseline's 32,000 as A's history the reform would
 * pay A2 8,000 (40,000 − 32,000), not 12,000.
 */
class ReformExampleTest {
    @Test
    void theReformCostsWhatIsWorkedByHandAndWritesItsThreeOutputs(@TempDir Path out) throws IOException {
        SimulationSummary s = ReformExample.run(Path.of("populations/shaoxing-2024.jsonl"),
                Path.of("reforms/shaoxing-70-40000.yaml"), out);

        assertEquals(4, s.claims());
        assertEquals(2, s.members());
        assertEquals("shaoxing@2015", s.baseline().name());
        assertEquals("shaoxing-70-40000", s.reform().name());
        assertEquals(0, new BigDecimal("52480").compareTo(s.baseline().cost()), s.baseline().cost().toPlainString());
        assertEquals(0, new BigDecimal("42251").compareTo(s.reform().cost()), s.reform().cost().toPlainString());
        assertEquals(0, new BigDecimal("-10229").compareTo(s.delta()));
        assertEquals(new BigDecimal("-19.49"), s.deltaPercent());
        assertEquals(new SimulationSummary.Outcomes(0, 3, 1), s.claimOutcomes());
        assertEquals(new SimulationSummary.Outcomes(0, 2, 0), s.memberOutcomes());

        List<String> rows = Files.readAllLines(out.resolve("claims.csv"));
        assertEquals(5, rows.size(), "a header and one row per claim");
        assertTrue(rows.get(2).startsWith("SX-2024-A2,M-SX-A,18100.00,12100.00,-6000.00,"), rows.get(2));
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"shaoxing-70-40000\""));
        assertTrue(Files.readString(out.resolve("report.html")).contains("<html"));
    }
}
