package org.huzhu.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.huzhu.actuary.simulate.ClaimOutcome;
import org.huzhu.actuary.simulate.ClaimsCsv;
import org.huzhu.actuary.simulate.MemberOutcome;
import org.huzhu.actuary.simulate.Simulation;
import org.huzhu.actuary.simulate.SimulationSummary;
import org.huzhu.actuary.simulate.SummaryTally;

/**
 * {@code huzhu simulate} on Spark: a population's entries partitioned by member id (a member's claims all in one
 * partition), sorted within each partition by member id, claim date and input position, and evaluated partition by
 * partition through {@code mapPartitions} by the actuary's {@link Simulation} (each member's history carried per
 * scenario exactly as locally, claims evaluated in batches by {@code evaluateAll}) on engines built once per executor
 * JVM from the job's {@link SimulationJob bundle}. Each partition also tallies its outcomes; Spark reduces the
 * tallies into the summary, the same {@link SimulationSummary} the local tool computes (README, "The summary's
 * figures"). Every entry ends as an outcome row, error entries included.
 */
public final class SparkSimulation {
    /** The encoder of the output rows. */
    public static final Encoder<OutcomeRow> ROWS = Encoders.bean(OutcomeRow.class);

    private final SparkSession spark;
    private final SimulationJob job;
    private final int partitions;

    /**
     * @param partitions partitions the population is cut into by member id: the tasks that evaluate, at least 1
     */
    public SparkSimulation(SparkSession spark, SimulationJob job, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1: " + partitions);
        }
        this.spark = spark;
        this.job = job;
        this.partitions = partitions;
    }

    /**
     * The outcome rows of a population (lazy: nothing runs until they are used; persist them to use them twice, as
     * {@link #run} does): each entry's per-claim CSV row, and one tally row per partition.
     */
    public Dataset<OutcomeRow> outcomes(Dataset<ClaimRecord> population) {
        Broadcast<SimulationJob> shipped = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(job);
        // Error entries have no member: they are spread by their index, and sort first in their partition.
        return population
                .repartition(partitions, coalesce(col("memberId"), concat(lit("\u0000"), col("index").cast("string"))))
                .sortWithinPartitions(col("memberId").asc_nulls_first(), col("claimDate").asc_nulls_first(),
                        col("index"))
                .mapPartitions(new EvaluatePartition(shipped), ROWS);
    }

    /** The summary: the partitions' tallies, reduced by Spark, made into the figures on the driver. */
    public SimulationSummary summary(Dataset<OutcomeRow> outcomes) {
        SummaryTally all = outcomes.filter(col("tally").isNotNull()).javaRDD()
                .map(r -> tally(r.getTally()))
                .treeReduce((a, b) -> {
                    a.merge(b);
                    return a;
                });
        return job.simulation().summary(all);
    }

    /** Writes the per-claim CSV: the header, then each entry's row in input order (the driver reads them in turn). */
    public void writeClaims(Dataset<OutcomeRow> outcomes, OutputStream out) {
        try (ClaimsCsv csv = new ClaimsCsv(out)) {
            Iterator<String> lines = outcomes.filter(col("tally").isNull()).orderBy(col("index")).select(col("line"))
                    .as(Encoders.STRING()).toLocalIterator();
            lines.forEachRemaining(csv::writeLine);
        }
    }

    /**
     * Runs the simulation once (its rows kept on the executors' disks between the two uses) and writes the per-claim
     * CSV to {@code claims}.
     *
     * @return the summary
     */
    public SimulationSummary run(Dataset<ClaimRecord> population, OutputStream claims) {
        Dataset<OutcomeRow> rows = outcomes(population).persist(StorageLevel.DISK_ONLY());
        try {
            SimulationSummary summary = summary(rows);
            writeClaims(rows, claims);
            return summary;
        } finally {
            rows.unpersist();
        }
    }

    static byte[] serialize(SummaryTally tally) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(tally);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static SummaryTally tally(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (SummaryTally) in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One partition, on an executor: its entries through the simulation, then its tally. */
    private static final class EvaluatePartition implements MapPartitionsFunction<ClaimRecord, OutcomeRow> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<SimulationJob> shipped;

        EvaluatePartition(Broadcast<SimulationJob> shipped) {
            this.shipped = shipped;
        }

        @Override
        public Iterator<OutcomeRow> call(Iterator<ClaimRecord> records) {
            SimulationJob job = shipped.value();
            Simulation simulation = job.simulation();
            SummaryTally tally = simulation.tally();
            Iterator<Simulation.ChunkOutcomes> chunks = simulation.evaluate(new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return records.hasNext();
                }

                @Override
                public org.huzhu.actuary.population.PopulationEntry next() {
                    return records.next().entry();
                }
            });
            return new Iterator<>() {
                private final ArrayDeque<OutcomeRow> ready = new ArrayDeque<>();
                private boolean tallied;

                @Override
                public boolean hasNext() {
                    while (ready.isEmpty() && !tallied) {
                        if (chunks.hasNext()) {
                            Simulation.ChunkOutcomes chunk = chunks.next();
                            for (ClaimOutcome o : chunk.claims()) {
                                job.checkDecidedBy(o);
                                tally.add(o);
                                ready.add(OutcomeRow.claim(o.index(), o.claimId(), ClaimsCsv.line(o)));
                            }
                            for (MemberOutcome m : chunk.members()) {
                                tally.add(m);
                            }
                        } else {
                            ready.add(OutcomeRow.tally(serialize(tally)));
                            tallied = true;
                        }
                    }
                    return !ready.isEmpty();
                }

                @Override
                public OutcomeRow next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return ready.poll();
                }
            };
        }
    }
}
