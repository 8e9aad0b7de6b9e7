package org.huzhu.spark;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.UnaryOperator;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.huzhu.actuary.population.PopulationEntry;
import org.huzhu.api.EvaluationResult;
import org.huzhu.api.SubsidyEngine;

/**
 * {@code huzhu batch} on Spark: every claim of a population decided under the version in force on its date (or the
 * one its request pins; a reform in the job decides in place of its base), each with the history its own row holds,
 * through {@code mapPartitions} on an engine built once per executor JVM from the job's {@link EvaluationJob bundle},
 * a chunk of claims at a time ({@code evaluateAll}). Claims are independent here, so the population keeps its
 * partitions (no shuffle); to carry each member's history from claim to claim, simulate ({@link SparkSimulation}).
 * Every entry ends as one {@link DecisionRow}: a decision or an error.
 */
public final class SparkEvaluation {
    /** The encoder of the output rows. */
    public static final Encoder<DecisionRow> ROWS = Encoders.bean(DecisionRow.class);

    private final SparkSession spark;
    private final EvaluationJob job;

    public SparkEvaluation(SparkSession spark, EvaluationJob job) {
        this.spark = spark;
        this.job = job;
    }

    /** The decision rows of a population (lazy: nothing runs until they are used). */
    public Dataset<DecisionRow> decisions(Dataset<ClaimRecord> population) {
        Broadcast<EvaluationJob> shipped = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(job);
        return population.mapPartitions(new EvaluatePartition(shipped), ROWS);
    }

    /** One partition, on an executor: its entries decided a chunk at a time. */
    private static final class EvaluatePartition implements MapPartitionsFunction<ClaimRecord, DecisionRow> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<EvaluationJob> shipped;

        EvaluatePartition(Broadcast<EvaluationJob> shipped) {
            this.shipped = shipped;
        }

        @Override
        public Iterator<DecisionRow> call(Iterator<ClaimRecord> records) {
            EvaluationJob job = shipped.value();
            SubsidyEngine engine = job.engine();
            return new Iterator<>() {
                private final ArrayDeque<DecisionRow> ready = new ArrayDeque<>();

                @Override
                public boolean hasNext() {
                    if (ready.isEmpty() && records.hasNext()) {
                        decideChunk();
                    }
                    return !ready.isEmpty();
                }

                @Override
                public DecisionRow next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return ready.poll();
                }

                private void decideChunk() {
                    List<PopulationEntry> entries = new ArrayList<>(job.chunkClaims());
                    while (entries.size() < job.chunkClaims() && records.hasNext()) {
                        entries.add(records.next().entry());
                    }
                    List<EvaluationResult> results = PopulationEntry.decideAll(engine, entries,
                            UnaryOperator.identity());
                    for (int i = 0; i < entries.size(); i++) {
                        PopulationEntry e = entries.get(i);
                        EvaluationResult r = results.get(i);
                        if (r.failed()) {
                            ready.add(DecisionRow.failed(e.index(), e.where(), e.claimId(), r.error()));
                        } else {
                            job.checkDecidedBy(r.decision());
                            ready.add(DecisionRow.decided(e.index(), e.where(), r.decision()));
                        }
                    }
                }
            };
        }
    }
}
