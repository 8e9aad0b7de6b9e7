package org.huzhu.actuary.population;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.InvalidInputException;

/**
 * Writes a population as a stream, a request at a time, in a format its {@link Population} reader reads back to equal
 * requests: JSON Lines (one request per line, as {@code huzhu evaluate} reads it) or CSV (README, "CSV populations":
 * a header naming every column, then one row per stay, earlier stay or prior payment, a claim with none of these one
 * row of type {@code claim}). UTF-8, each line ended by {@code \n}. Close it to flush what is buffered.
 */
public interface PopulationWriter extends AutoCloseable {

    /**
     * A writer to a file (made or replaced), in the format of its extension ({@link Population.Format#of}).
     *
     * @throws InvalidInputException the extension is not a population's, or the file cannot be made
     */
    static PopulationWriter open(Path file) {
        Population.Format format = Population.Format.of(file);
        OutputStream out;
        try {
            out = Files.newOutputStream(file);
        } catch (IOException e) {
            throw new InvalidInputException(file.toString(), "cannot be written: " + e.getMessage(), e);
        }
        return of(format, out);
    }

    /** A writer in this format to a stream, which {@link #close()} closes. */
    static PopulationWriter of(Population.Format format, OutputStream out) {
        OutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        return format == Population.Format.CSV ? new CsvPopulationWriter(buffered) : new JsonLinesWriter(buffered);
    }

    /**
     * Writes one request.
     *
     * @throws UncheckedIOException the stream cannot be written
     */
    void write(EvaluationRequest request);

    /**
     * Flushes and closes the stream.
     *
     * @throws UncheckedIOException the stream cannot be written
     */
    @Override
    void close();
}
