package org.huzhu.spark;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.huzhu.actuary.population.Population;
import org.huzhu.actuary.population.PopulationEntry;
import org.huzhu.api.EvaluationError;
import org.huzhu.api.InvalidInputException;

/**
 * Populations as Spark datasets of {@link ClaimRecord}: read in parallel, each entry with the index and the source
 * line {@link Population} gives it when read as a stream, so that the job's outputs name the same entries and lines.
 */
public final class SparkPopulations {
    /** The encoder of the job's input rows. */
    public static final Encoder<ClaimRecord> RECORDS = Encoders.bean(ClaimRecord.class);

    private SparkPopulations() {
    }

    /**
     * A population file by its extension: {@code .jsonl}/{@code .ndjson} ({@link #jsonLines}), {@code .csv}
     * ({@link #csv}) or {@code .parquet} (a folder or file of {@link ClaimRecord} rows, {@link #parquet}).
     *
     * @throws InvalidInputException another extension, or a CSV file whose header is refused
     */
    public static Dataset<ClaimRecord> open(SparkSession spark, String path) {
        String name = path.toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return jsonLines(spark, path);
        }
        if (name.endsWith(".csv")) {
            return csv(spark, path);
        }
        if (name.endsWith(".parquet")) {
            return parquet(spark, path);
        }
        throw new InvalidInputException(path, "is not a population the Spark job reads: its name must end in .jsonl, "
                + ".ndjson, .csv or .parquet");
    }

    /**
     * JSON Lines: one {@code EvaluationRequest} per line, read by Spark's text source in parallel splits. Each line
     * becomes the entry {@link PopulationEntry#ofJsonLine} makes of it, named {@code path:line}, its index counting
     * the lines that are not blank: what {@link Population#jsonLines} gives. One pass counts each split's lines, a
     * second picks out each line's member id and claim date ({@link ClaimRecord#ofJsonLine}); the line is read as a
     * request once, where it is evaluated.
     */
    public static Dataset<ClaimRecord> jsonLines(SparkSession spark, String path) {
        JavaRDD<String> lines = JavaSparkContext.fromSparkContext(spark.sparkContext()).textFile(path);
        List<long[]> counts = new ArrayList<>(lines.mapPartitionsWithIndex((split, it) -> {
            long n = 0;
            long entries = 0;
            while (it.hasNext()) {
                String line = it.next();
                n++;
                if (!(split == 0 && n == 1 ? withoutBom(line) : line).isBlank()) {
                    entries++;
                }
            }
            return List.of(new long[] {split, n, entries}).iterator();
        }, true).collect());
        counts.sort((a, b) -> Long.compare(a[0], b[0]));
        long[] firstLine = new long[counts.size()];
        long[] firstEntry = new long[counts.size()];
        for (int i = 1; i < counts.size(); i++) {
            firstLine[i] = firstLine[i - 1] + counts.get(i - 1)[1];
            firstEntry[i] = firstEntry[i - 1] + counts.get(i - 1)[2];
        }
        JavaRDD<ClaimRecord> records = lines.mapPartitionsWithIndex(
                (split, it) -> new JsonLineRecords(path, it, firstLine[split], firstEntry[split]), true);
        return spark.createDataset(records.rdd(), RECORDS);
    }

    /**
     * CSV with the actuary's documented columns (README, "CSV populations"), read by Spark's text source in parallel
     * splits, each split by the actuary's own CSV reader ({@link CsvParts}: a claim whose rows straddle two splits is
     * read whole). Entries, indexes and line names are those {@link Population#csv} gives a file whose claims' rows
     * are consecutive with distinct ids. Three passes: the splits' boundaries, their entry counts, their entries.
     *
     * @throws InvalidInputException the file is empty or its header is refused (naming the columns)
     */
    public static Dataset<ClaimRecord> csv(SparkSession spark, String path) {
        return csv(spark, path, spark.sparkContext().defaultMinPartitions());
    }

    /** {@link #csv(SparkSession, String)} in at least {@code minSplits} splits (Spark's {@code minPartitions}). */
    public static Dataset<ClaimRecord> csv(SparkSession spark, String path, int minSplits) {
        JavaRDD<String> lines = JavaSparkContext.fromSparkContext(spark.sparkContext()).textFile(path, minSplits);
        CsvParts parts = CsvParts.plan(lines, path);
        List<long[]> counts = new ArrayList<>(lines.mapPartitionsWithIndex((split, it) -> {
            long n = 0;
            for (Iterator<PopulationEntry> e = parts.entries(split, it, 0); e.hasNext(); e.next()) {
                n++;
            }
            return List.of(new long[] {split, n}).iterator();
        }, true).collect());
        counts.sort((a, b) -> Long.compare(a[0], b[0]));
        long[] indexBefore = new long[counts.size()];
        for (int i = 1; i < counts.size(); i++) {
            indexBefore[i] = indexBefore[i - 1] + counts.get(i - 1)[1];
        }
        JavaRDD<ClaimRecord> records = lines.mapPartitionsWithIndex((split, it) -> {
            Iterator<PopulationEntry> entries = parts.entries(split, it, indexBefore[split]);
            return new Iterator<ClaimRecord>() {
                @Override
                public boolean hasNext() {
                    return entries.hasNext();
                }

                @Override
                public ClaimRecord next() {
                    return ClaimRecord.of(entries.next());
                }
            };
        }, true);
        return spark.createDataset(records.rdd(), RECORDS);
    }

    /** Rows of {@link ClaimRecord} written by Spark ({@code dataset.write().parquet(path)}). */
    public static Dataset<ClaimRecord> parquet(SparkSession spark, String path) {
        return spark.read().parquet(path).as(RECORDS);
    }

    /** The first line of a file without its byte-order mark, which the stream readers skip too. */
    private static String withoutBom(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    /** One split's lines as records, numbered from the line and entry counts of the splits before it. */
    private static final class JsonLineRecords implements Iterator<ClaimRecord> {
        private final String source;
        private final Iterator<String> lines;
        private long line;
        private long entry;
        private ClaimRecord next;

        JsonLineRecords(String source, Iterator<String> lines, long linesBefore, long entriesBefore) {
            this.source = source;
            this.lines = lines;
            this.line = linesBefore;
            this.entry = entriesBefore;
        }

        @Override
        public boolean hasNext() {
            while (next == null && lines.hasNext()) {
                String text = lines.next();
                line++;
                if (line == 1) {
                    text = withoutBom(text);
                }
                if (text.isBlank()) {
                    continue;
                }
                String where = source + ":" + line;
                if (text.length() > Population.MAX_LINE_BYTES / 3
                        && text.getBytes(StandardCharsets.UTF_8).length > Population.MAX_LINE_BYTES) {
                    // As the stream reader refuses it (Lines), without parsing it.
                    next = ClaimRecord.of(PopulationEntry.failed(entry++, where, null, EvaluationError.of(
                            new InvalidInputException(where, "line is longer than " + Population.MAX_LINE_BYTES
                                    + " bytes"))));
                } else {
                    next = ClaimRecord.ofJsonLine(entry++, where, text);
                }
            }
            return next != null;
        }

        @Override
        public ClaimRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ClaimRecord r = next;
            next = null;
            return r;
        }
    }
}
