package org.huzhu.cli;

import io.javalin.http.Context;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.huzhu.actuary.population.Population;
import org.huzhu.actuary.population.PopulationEntry;
import org.huzhu.api.Decision;
import org.huzhu.api.EvaluationError;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.EvaluationResult;
import org.huzhu.api.Language;
import org.huzhu.api.SubsidyEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/evaluate/batch}: JSON Lines in, JSON Lines out, streamed. The body is read as a
 * {@link Population} (one entry per non-blank line, a line that is not a request becoming its error), evaluated in
 * chunks of {@value #CHUNK} with {@link SubsidyEngine#evaluateAll} on a worker, and each chunk's {@link ResultLine}s
 * are written and flushed as soon as they are ready, in input order. Every entry ends as a decision line or an
 * error line.
 *
 * <p>A batch that breaks a limit is cut, never silently shortened: the 200 and the lines before are already on
 * their way, so the last line is an error line whose {@code index} is the first entry not evaluated and whose
 * message says which limit and that the entries from there on were not evaluated (send them in another request).
 * Over the line limit and over the body limit (a chunked body; a declared {@code Content-Length} over it is 413
 * before any line) the code is {@code INVALID_INPUT}, past the time limit {@code EVALUATION_ERROR}.
 */
final class ServeBatch {
    /** Entries per {@code evaluateAll}: the engine's rule-session batch, so that a chunk is one session. */
    static final int CHUNK = 256;
    private static final Logger LOG = LoggerFactory.getLogger(ServeBatch.class);

    private final ServeServer server;
    private final Context ctx;
    private final ServeLimits limits;

    ServeBatch(ServeServer server, Context ctx) {
        this.server = server;
        this.ctx = ctx;
        this.limits = server.limits();
    }

    void run() throws IOException {
        long deadline = System.nanoTime() + limits.batchTime().toNanos();
        ServeServer.requireContentType(ctx, "application/x-ndjson", "application/x-ndjson", "application/jsonl",
                "application/json-lines", "application/jsonlines");
        Language lang = ServeServer.lang(ctx);
        Function<EvaluationRequest, EvaluationRequest> override = ServeServer.override(ctx);
        if (ServeServer.declaredLength(ctx) > limits.batchBodyBytes()) {
            ServeServer.drain(ctx.bodyInputStream());
            throw ServeServer.tooLarge(limits.batchBodyBytes(), "--max-batch-body");
        }
        InputStream raw = ctx.bodyInputStream();
        LimitedInput in = new LimitedInput(raw, limits.batchBodyBytes());
        ctx.status(200).contentType(ServeServer.JSON_LINES);
        OutputStream out = ctx.outputStream();
        try (Population population = Population.jsonLines(in, ServeServer.BODY)) {
            long next = 0;   // the index of the first entry not yet answered
            for (boolean more = true; more; ) {
                List<PopulationEntry> chunk = new ArrayList<>(CHUNK);
                String cut = null;   // why the batch ends here, if it does
                String cutWhere = ServeServer.BODY;
                EvaluationError.Code cutCode = EvaluationError.Code.INVALID_INPUT;
                try {
                    while (chunk.size() < CHUNK && population.hasNext()) {
                        PopulationEntry e = population.next();
                        if (e.index() >= limits.batchLines()) {
                            cutWhere = e.where();
                            cut = cutWhere + ": more than " + limits.batchLines() + " entries in one batch"
                                    + " (--max-batch-lines)";
                            break;
                        }
                        chunk.add(e);
                    }
                } catch (UncheckedIOException e) {
                    cut = in.over() ? ServeServer.BODY + ": longer than the limit of " + limits.batchBodyBytes()
                            + " bytes (--max-batch-body)" : e.getMessage() + ": " + e.getCause().getMessage();
                }
                more = cut == null && chunk.size() == CHUNK;
                if (!chunk.isEmpty()) {
                    try {
                        List<String> lines = server.await(() -> answer(chunk, lang, override), deadline,
                                "--batch-time-limit", limits.batchTime());
                        write(out, lines);
                        next = chunk.get(chunk.size() - 1).index() + 1;
                    } catch (RuntimeException e) {
                        if (!(e instanceof ServeError)) {
                            LOG.error("batch chunk from {} failed", chunk.get(0).where(), e);
                        }
                        cut = e instanceof ServeError ? e.getMessage() : "internal error: " + e;
                        cutWhere = chunk.get(0).where();
                        cutCode = EvaluationError.Code.EVALUATION_ERROR;
                        more = false;
                    }
                }
                if (cut != null) {
                    write(out, List.of(ResultLine.failed(next, cutWhere, null, new EvaluationError(cutCode,
                            cutCode == EvaluationError.Code.INVALID_INPUT ? cutWhere : null, cut + "; the entries "
                            + "from index " + next + " on were not evaluated: send them in another request"))));
                    ServeServer.drain(raw);
                }
            }
        } catch (IOException e) {
            // Only writing throws it (reading is the Population's UncheckedIOException): the client went away.
            LOG.debug("batch answer not delivered: {}", e.toString());
        }
    }

    /** A chunk's lines, in its order: each entry's decision or error. */
    private List<String> answer(List<PopulationEntry> chunk, Language lang,
                                Function<EvaluationRequest, EvaluationRequest> override) {
        SubsidyEngine engine = server.engine();
        List<EvaluationResult> results = PopulationEntry.decideAll(engine, chunk, override::apply);
        List<String> lines = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            PopulationEntry e = chunk.get(i);
            EvaluationResult r = results.get(i);
            if (r.failed()) {
                lines.add(ResultLine.failed(e.index(), e.where(), e.claimId(), r.error()));
            } else {
                Decision d = r.decision();
                lines.add(ResultLine.decided(e.index(), e.where(), e.request().claim().applicationDate(), d,
                        engine.texts(d), lang, server.ruleset(d.rulesetId())));
            }
        }
        return lines;
    }

    private static void write(OutputStream out, List<String> lines) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String line : lines) {
            b.append(line).append('\n');
        }
        out.write(b.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * The body, up to the limit: every byte within it is read, so the entries wholly within it are answered; a read
     * past it that finds more bytes ends in an {@link IOException}.
     */
    static final class LimitedInput extends FilterInputStream {
        private final long limit;
        private long read;
        private boolean over;

        LimitedInput(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        boolean over() {
            return over;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (read == limit && !over && super.read() < 0) {
                return -1;   // the body ends exactly at the limit
            }
            if (read == limit) {
                over = true;
                throw new IOException("longer than the limit of " + limit + " bytes");
            }
            int n = super.read(b, off, (int) Math.min(len, limit - read));
            if (n > 0) {
                read += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            int skipped = read(new byte[(int) Math.min(n, 8192)], 0, (int) Math.min(n, 8192));
            return Math.max(skipped, 0);
        }
    }
}
