package org.huzhu.spark;

import org.apache.spark.sql.SparkSession;

/** The one Spark session the module's tests share (starting one takes seconds): local[2], two task threads. */
final class LocalSpark {
    /** Partitions the tests cut populations into: more than the two task threads, so partitions queue. */
    static final int PARTITIONS = 4;

    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder().appName("huzhu-spark-tests").master("local[2]")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", String.valueOf(PARTITIONS))
                    .getOrCreate();
        }
        return session;
    }
}
