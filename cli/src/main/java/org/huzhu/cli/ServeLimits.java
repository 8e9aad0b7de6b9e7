package org.huzhu.cli;

import java.time.Duration;

/**
 * What one request to {@code huzhu serve} may take, so that no request can starve the others: each limit is a
 * {@code serve} option, and the README and {@code openapi.json} document the defaults.
 *
 * @param evaluateBodyBytes the largest body of {@code POST /v1/evaluate} (default 1 MiB, as one line of a batch);
 *                          a larger one is 413
 * @param batchBodyBytes    the largest body of {@code POST /v1/evaluate/batch} (default 64 MiB): a larger declared
 *                          {@code Content-Length} is 413, a chunked body is cut where it passes the limit
 * @param batchLines        the most entries (non-blank lines) in one batch (default 10,000); the batch is cut after
 *                          them with an error line
 * @param evaluateTime      the longest a {@code POST /v1/evaluate} may wait for its decision, from the handler's start
 *                          (default 10 s); past it, 503 {@code TIME_LIMIT}
 * @param batchTime         the longest a batch may run (default 60 s); past it, the batch is cut with an error line
 * @param workers           the threads that evaluate, shared by all requests (default: one per processor)
 */
record ServeLimits(long evaluateBodyBytes, long batchBodyBytes, int batchLines, Duration evaluateTime,
                   Duration batchTime, int workers) {
    static final long MIB = 1024 * 1024;

    ServeLimits {
        if (evaluateBodyBytes < 1 || batchBodyBytes < 1 || batchLines < 1 || workers < 1) {
            throw new IllegalArgumentException("limits must be positive: " + evaluateBodyBytes + ", "
                    + batchBodyBytes + ", " + batchLines + ", " + workers);
        }
        if (evaluateTime.isNegative() || evaluateTime.isZero() || batchTime.isNegative() || batchTime.isZero()) {
            throw new IllegalArgumentException("time limits must be positive: " + evaluateTime + ", " + batchTime);
        }
    }

    /** The defaults, with one worker per processor of this machine. */
    static ServeLimits defaults() {
        return new ServeLimits(MIB, 64 * MIB, 10_000, Duration.ofSeconds(10), Duration.ofSeconds(60),
                Runtime.getRuntime().availableProcessors());
    }
}
