package org.huzhu.actuary.population;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import org.huzhu.api.InvalidInputException;

/**
 * A population of claims read as a stream: one {@link PopulationEntry} at a time, so memory does not grow with the
 * file (but for the CSV reader's 64-bit fingerprint of each claim id, about 16 bytes a claim, which catches a claim
 * whose rows are not consecutive). Close it when done (it closes the stream it reads).
 *
 * <p>A problem in one claim's lines becomes that entry's error and reading goes on; only a stream that cannot be
 * read at all (an I/O error) ends iteration, with an {@link UncheckedIOException}.
 */
public interface Population extends Iterator<PopulationEntry>, AutoCloseable {

    /** The longest line a reader accepts, in bytes; a longer one is an error entry, skipped without being held in memory. */
    int MAX_LINE_BYTES = 1024 * 1024;

    /**
     * The population in a file, read by its extension ({@link Format#of}).
     *
     * @throws InvalidInputException the file cannot be opened, its extension is not a population's, or (CSV) its
     *                               header is refused
     */
    static Population open(Path file) {
        Format format = Format.of(file);
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (IOException e) {
            throw new InvalidInputException(file.toString(), "cannot be read: " + e.getMessage(), e);
        }
        return format.read(in, file.toString());
    }

    /** The formats a population can be in. */
    enum Format {
        /** One evaluation request per line: {@link #jsonLines}. */
        JSON_LINES,
        /** A header, then one row per stay, earlier stay or prior payment: {@link #csv}. */
        CSV;

        /**
         * A file's format by its extension: {@code .jsonl} or {@code .ndjson}, {@code .csv} (any case).
         *
         * @throws InvalidInputException for any other name
         */
        public static Format of(Path file) {
            String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
                return JSON_LINES;
            }
            if (name.endsWith(".csv")) {
                return CSV;
            }
            throw new InvalidInputException(file.toString(),
                    "is not a population file: its name must end in .jsonl, .ndjson or .csv");
        }

        /**
         * Reads a stream in this format; {@code source} names it in errors ({@code claims.csv:12}). The readers read
         * it in 64 KiB blocks, so give them the stream itself, not a {@code BufferedInputStream}: one read of a
         * buffered stream may read the underlying one several times and lose the bytes of the first reads when a
         * later one fails (a body cut at its byte limit in {@code huzhu serve}), where a read of the stream itself
         * returns them and the failure comes at the next read, after the lines they hold.
         */
        public Population read(InputStream in, String source) {
            return this == CSV ? csv(in, source) : jsonLines(in, source);
        }
    }

    /**
     * JSON Lines: one evaluation request (the JSON {@code huzhu evaluate} reads) per line, UTF-8. Blank lines are
     * skipped; each other line is one entry.
     */
    static Population jsonLines(InputStream in, String source) {
        return new JsonLinesPopulation(in, source);
    }

    /**
     * CSV: a header line, then one row per stay, earlier stay or prior payment, the rows of a claim consecutive
     * (README, "CSV populations", lists the columns). UTF-8; each line is one row.
     *
     * @throws InvalidInputException the header is missing, names an unknown column or a column twice, or lacks a
     *                               required one (all of them named); the stream is then closed
     */
    static Population csv(InputStream in, String source) {
        return new CsvPopulation(in, source);
    }

    /**
     * Rows of a CSV population read apart from its header line, for readers that cut a file into parts (the Spark
     * job): {@code rows} are the lines {@code linesBefore + 1}, {@code linesBefore + 2}, ... of the file, grouped into
     * claims and named as {@link #csv} names them, their entries numbered from {@code indexBefore}. Claims are grouped
     * within the part: a claim id seen again in another part is not caught.
     *
     * @param header the file's header line (checked: as {@link #csv} refuses it)
     */
    static Population csvRows(String header, InputStream rows, String source, long linesBefore, long indexBefore) {
        return new CsvPopulation(header, rows, source, linesBefore, indexBefore);
    }

    /** Closes the underlying stream. */
    @Override
    void close();
}
