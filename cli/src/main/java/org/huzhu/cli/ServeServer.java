package org.huzhu.cli;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.huzhu.api.Decision;
import org.huzhu.api.EvaluationError;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.HuzhuException;
import org.huzhu.api.InvalidInputException;
import org.huzhu.api.Language;
import org.huzhu.api.RulesetInfo;
import org.huzhu.api.SubsidyEngine;
import org.huzhu.api.json.HuzhuJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP service of {@code huzhu serve}, on Javalin (Jetty): one shared {@link SubsidyEngine}, a fixed pool of
 * workers that evaluate, and the routes below. Each answer is what the CLI writes for the same input: a decision is
 * {@link DecisionJson#write}, a batch line {@link ResultLine}, a ruleset {@link RulesetText}.
 *
 * <pre>
 * POST /v1/evaluate                      an EvaluationRequest → the decision JSON of huzhu evaluate --format json
 * POST /v1/evaluate/batch                JSON Lines of requests → JSON Lines of ResultLine, streamed in input order
 * GET  /v1/rulesets                      every loaded version (huzhu list)
 * GET  /v1/rulesets/{scheme}/{version}   one version with its parameters in force (huzhu show --format json)
 * GET  /health                           {"status": "UP", "rulesets": n}
 * GET  /openapi.json                     the OpenAPI 3.1 document of these routes
 * GET  /schemas/{name}                   the JSON Schemas it refers to
 * </pre>
 *
 * A request that breaks a limit ({@link ServeLimits}) is refused on its own; the workers are shared, so a long batch
 * takes one worker a chunk at a time and single requests go between its chunks.
 */
final class ServeServer implements AutoCloseable {
    /** How a request body is named in error messages, as the CLI names standard input {@code <stdin>}. */
    static final String BODY = "<body>";
    static final String JSON = "application/json; charset=utf-8";
    static final String JSON_LINES = "application/x-ndjson; charset=utf-8";
    /** A body over its limit is still read this far (and dropped), so that the client is not cut off mid-send. */
    static final long DRAIN_BYTES = 16 * ServeLimits.MIB;
    private static final Logger LOG = LoggerFactory.getLogger(ServeServer.class);
    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z][a-z0-9-]*\\.schema\\.json");

    /** One route the server serves, as registered with Javalin. */
    record Route(String method, String path) {
    }

    private final SubsidyEngine engine;
    private final ServeLimits limits;
    private final Map<String, RulesetInfo> rulesets = new LinkedHashMap<>();
    private final ExecutorService workers;
    private final List<Route> routes = Collections.synchronizedList(new ArrayList<>());
    private final byte[] openApi;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Javalin app;

    private ServeServer(SubsidyEngine engine, ServeLimits limits) {
        this.engine = engine;
        this.limits = limits;
        engine.rulesets().forEach(r -> rulesets.put(r.id(), r));
        this.openApi = resource("/org/huzhu/cli/openapi.json");
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(limits.workers(), r -> {
            Thread t = new Thread(r, "huzhu-evaluate-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            // Streamed batch lines must leave as they are written, not wait in a compressor's buffer.
            config.http.compressionStrategy = CompressionStrategy.NONE;
            config.events.handlerAdded(h -> routes.add(new Route(h.getHttpMethod().name(), h.getPath())));
            config.routes.post("/v1/evaluate", this::evaluate);
            config.routes.post("/v1/evaluate/batch", ctx -> new ServeBatch(this, ctx).run());
            config.routes.get("/v1/rulesets", this::listRulesets);
            config.routes.get("/v1/rulesets/{scheme}/{version}", this::showRuleset);
            config.routes.get("/health", ctx -> ctx.contentType(JSON).result(
                    "{\"status\":\"UP\",\"rulesets\":" + rulesets.size() + "}\n"));
            config.routes.get("/openapi.json", ctx -> ctx.contentType(JSON).result(openApi));
            config.routes.get("/schemas/{name}", this::schema);
            config.routes.exception(ServeError.class, (e, ctx) -> refuse(ctx, e));
            // Javalin's own refusals (an unknown route is 404) answer in the same JSON.
            config.routes.exception(HttpResponseException.class, (e, ctx) -> refuse(ctx, new ServeError(e.getStatus(),
                    e.getStatus() == 404 ? "NOT_FOUND" : e.getStatus() < 500 ? "INVALID_INPUT" : "INTERNAL_ERROR",
                    null, e.getStatus() == 404 ? "no route " + ctx.method().name() + " " + ctx.path()
                    + " (GET /openapi.json lists the routes)" : e.getMessage())));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method().name(), ctx.path(), e);
                refuse(ctx, new ServeError(500, "INTERNAL_ERROR", null, "internal error: " + e));
            });
        });
    }

    /**
     * Starts serving on {@code host:port} (port 0: a free port, see {@link #port()}).
     *
     * @throws InvalidInputException the address cannot be bound (in use, or not this machine's)
     */
    static ServeServer start(SubsidyEngine engine, ServeLimits limits, String host, int port) {
        ServeServer server = new ServeServer(engine, limits);
        try {
            server.app.start(host, port);
        } catch (RuntimeException e) {
            server.close();
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof BindException || c instanceof java.nio.channels.UnresolvedAddressException) {
                    throw new InvalidInputException("--port", "cannot serve on " + host + ":" + port + ": " + c, e);
                }
            }
            throw e;
        }
        return server;
    }

    int port() {
        return app.port();
    }

    ServeLimits limits() {
        return limits;
    }

    /** The routes the server serves, as it registered them: method and path. */
    List<Route> routes() {
        synchronized (routes) {
            return List.copyOf(routes);
        }
    }

    /** Blocks until {@link #close()}. */
    void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Stops serving; requests under way are ended. */
    @Override
    public void close() {
        try {
            app.stop();
        } finally {
            workers.shutdownNow();
            stopped.countDown();
        }
    }

    // ---- routes

    private void evaluate(Context ctx) throws IOException {
        long deadline = System.nanoTime() + limits.evaluateTime().toNanos();
        requireContentType(ctx, "application/json", "application/json");
        Language lang = lang(ctx);
        Function<EvaluationRequest, EvaluationRequest> override = override(ctx);
        byte[] body = body(ctx, limits.evaluateBodyBytes(), "--max-body");
        String decision = await(() -> {
            EvaluationRequest request = override.apply(HuzhuJson.read(body, EvaluationRequest.class, BODY));
            Decision d = engine.evaluate(request);
            return DecisionJson.write(d, engine.texts(d), lang, rulesets.get(d.rulesetId())) + "\n";
        }, deadline, "--time-limit", limits.evaluateTime());
        ctx.status(200).contentType(JSON).result(decision.getBytes(StandardCharsets.UTF_8));
    }

    private void listRulesets(Context ctx) {
        ctx.contentType(JSON).result(HuzhuJson.write(rulesets.values().stream().map(RulesetText::summary).toList())
                + "\n");
    }

    private void showRuleset(Context ctx) {
        String id = ctx.pathParam("scheme") + "@" + ctx.pathParam("version");
        RulesetInfo info = rulesets.get(id);
        if (info == null) {
            throw new ServeError(404, EvaluationError.Code.UNKNOWN_RULESET.name(), null, "no ruleset " + id
                    + "; loaded: " + String.join(", ", rulesets.keySet()));
        }
        ctx.contentType(JSON).result(RulesetText.json(info) + "\n");
    }

    private void schema(Context ctx) {
        String name = ctx.pathParam("name");
        byte[] schema = SCHEMA_NAME.matcher(name).matches() ? optionalResource("/schemas/" + name) : null;
        if (schema == null) {
            throw new ServeError(404, "NOT_FOUND", null, "no schema " + name);
        }
        ctx.contentType("application/schema+json").result(schema);
    }

    // ---- shared by the routes

    SubsidyEngine engine() {
        return engine;
    }

    RulesetInfo ruleset(String id) {
        return rulesets.get(id);
    }

    /**
     * Runs {@code work} on a worker and waits for it until the deadline; the engine's refusal of the request is its
     * {@link ServeError}, the deadline's passing 503 {@code TIME_LIMIT}. A task still queued at the deadline is
     * cancelled; one already running finishes (the engine bounds each claim's time) and its result is dropped.
     */
    <T> T await(Callable<T> work, long deadline, String option, java.time.Duration limit) {
        if (deadline - System.nanoTime() <= 0) {
            throw timeLimit(option, limit);
        }
        Future<T> future = workers.submit(work);
        try {
            return future.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw timeLimit(option, limit);
        } catch (InterruptedException e) {
            future.cancel(false);
            Thread.currentThread().interrupt();
            throw new ServeError(503, "TIME_LIMIT", null, "the service is stopping");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HuzhuException refused) {
                throw ServeError.of(EvaluationError.of(refused));
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    static ServeError timeLimit(String option, java.time.Duration limit) {
        return new ServeError(503, "TIME_LIMIT", null, "the request took longer than its time limit of "
                + limit.toMillis() + " ms (" + option + "); try again when the service is less busy");
    }

    /** {@code lang}: zh (the default) or en. */
    static Language lang(Context ctx) {
        String lang = ctx.queryParam("lang");
        if (lang == null) {
            return Language.ZH;
        }
        return switch (lang) {
            case "zh" -> Language.ZH;
            case "en" -> Language.EN;
            default -> throw ServeError.badParameter("lang", "zh or en", lang);
        };
    }

    /**
     * {@code ruleset} (ID[@VERSION]) and {@code whatIf} (true|false), as {@code huzhu evaluate --ruleset} and
     * {@code --what-if} change the request read: the ruleset replaces the request's, and a what-if stays one.
     */
    static Function<EvaluationRequest, EvaluationRequest> override(Context ctx) {
        String ruleset = ctx.queryParam("ruleset");
        String whatIfParam = ctx.queryParam("whatIf");
        if (whatIfParam != null && !whatIfParam.equals("true") && !whatIfParam.equals("false")) {
            throw ServeError.badParameter("whatIf", "true or false", whatIfParam);
        }
        if (ruleset != null && ruleset.isBlank()) {
            throw ServeError.badParameter("ruleset", "a scheme or scheme@version such as wujin@2024", ruleset);
        }
        boolean whatIf = "true".equals(whatIfParam);
        if (ruleset == null && !whatIf) {
            return r -> r;
        }
        return r -> new EvaluationRequest(ruleset != null ? ruleset : r.ruleset(), r.claim(), r.history(),
                r.whatIf() || whatIf);
    }

    /** 415 unless the body is of one of the types (no Content-Type is taken as the first). */
    static void requireContentType(Context ctx, String shown, String... accepted) {
        String type = ctx.header("Content-Type");
        if (type == null) {
            return;
        }
        String media = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        for (String a : accepted) {
            if (media.equals(a)) {
                return;
            }
        }
        throw new ServeError(415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type", "Content-Type: expected " + shown
                + ", got \"" + type + "\"");
    }

    /** The body, at most {@code limit} bytes; a longer one is 413 (after reading it to drain it, up to a bound). */
    static byte[] body(Context ctx, long limit, String option) throws IOException {
        InputStream in = ctx.bodyInputStream();
        byte[] bytes = declaredLength(ctx) > limit ? null : in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE));
        if (bytes == null || bytes.length > limit) {
            drain(in);
            throw tooLarge(limit, option);
        }
        return bytes;
    }

    static long declaredLength(Context ctx) {
        String length = ctx.header("Content-Length");
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;   // Jetty refuses a malformed length before a handler runs
        }
    }

    static ServeError tooLarge(long limit, String option) {
        return new ServeError(413, "BODY_TOO_LARGE", null, BODY + ": longer than the limit of " + limit + " bytes ("
                + option + ")");
    }

    /**
     * Reads and drops what the client is still sending (up to {@link #DRAIN_BYTES}), so that it reads the refusal
     * instead of a reset connection.
     */
    static void drain(InputStream in) {
        try {
            byte[] sink = new byte[65536];
            long left = DRAIN_BYTES;
            for (int n; left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0; ) {
                left -= n;
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("draining a refused body: {}", e.toString());
        }
    }

    private static void refuse(Context ctx, ServeError e) {
        if (e.status() == 413) {
            ctx.header("Connection", "close");
        }
        ctx.status(e.status()).contentType(JSON).result(e.body().getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] resource(String name) {
        byte[] bytes = optionalResource(name);
        if (bytes == null) {
            throw new IllegalStateException(name + " is missing from the tool's jar");
        }
        return bytes;
    }

    private static byte[] optionalResource(String name) {
        try (InputStream in = ServeServer.class.getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(name, e);
        }
    }
}
