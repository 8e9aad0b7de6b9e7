package org.huzhu.actuary.simulate;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;
import org.huzhu.actuary.population.Population;
import org.huzhu.actuary.report.HtmlReport;
import org.huzhu.api.InvalidInputException;
import org.huzhu.api.Language;

/**
 * A simulation's three outputs in one folder: {@code claims.csv} ({@link ClaimsCsv}, written as the claims are
 * decided), then {@code summary.json} ({@link SummaryJson}) and {@code report.html} ({@link HtmlReport}). The folder is
 * made if missing; those three files in it are replaced.
 */
public final class SimulationFiles {
    public static final String CLAIMS = "claims.csv";
    public static final String SUMMARY = "summary.json";
    public static final String REPORT = "report.html";

    private SimulationFiles() {
    }

    /**
     * Runs the simulation over the population and writes the outputs to {@code folder}.
     *
     * @param progress given the entries done so far, after each chunk
     * @throws InvalidInputException the folder cannot be made or written
     */
    public static SimulationSummary write(Simulation simulation, Population population, Path folder, Language lang,
            LongConsumer progress) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new InvalidInputException(folder.toString(), "cannot be made a folder: " + e.getMessage(), e);
        }
        SimulationSummary summary;
        try (ClaimsCsv csv = new ClaimsCsv(open(folder.resolve(CLAIMS)))) {
            summary = simulation.run(population, csv::write, progress);
        }
        writeSummary(summary, folder, lang);
        return summary;
    }

    /** Writes {@code summary.json} and {@code report.html} of a summary. */
    public static void writeSummary(SimulationSummary summary, Path folder, Language lang) {
        try (OutputStream out = open(folder.resolve(SUMMARY))) {
            SummaryJson.write(summary, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (OutputStream out = open(folder.resolve(REPORT))) {
            HtmlReport.write(summary, lang, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OutputStream open(Path file) {
        try {
            return new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        } catch (IOException e) {
            throw new InvalidInputException(file.toString(), "cannot be written: " + e.getMessage(), e);
        }
    }
}
