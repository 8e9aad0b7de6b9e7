package org.huzhu.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.huzhu.api.SubsidyEngine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code huzhu serve}: the HTTP service ({@link ServeServer}) until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, version = "huzhu 0.1.0-SNAPSHOT",
        description = {"Serves the engine over HTTP until stopped (Ctrl-C): POST /v1/evaluate, POST /v1/evaluate/batch "
                + "(JSON Lines, streamed), GET /v1/rulesets, GET /v1/rulesets/{scheme}/{version}, GET /health, and "
                + "the OpenAPI document at GET /openapi.json. Answers are what evaluate --format json, show --format "
                + "json and batch write for the same input; text is in zh unless the request asks ?lang=en.",
                "Every request is bounded by the limits below; one that breaks a limit is refused on its own."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped", "2:bad usage, or the address cannot be served (port in use)",
                "3:a ruleset was refused (cannot load)", "4:anything unexpected"})
final class ServeCommand implements Callable<Integer> {
    private final PrintStream err;
    private final Function<List<Path>, SubsidyEngine> engines;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "The port (default: ${DEFAULT-VALUE}; 0 picks a free one, printed at start).")
    int port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "The address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for all).")
    String host;

    @Option(names = "--workers", paramLabel = "N", converter = Count.class,
            description = "Threads that evaluate, shared by all requests (default: one per processor).")
    Integer workers;

    @Option(names = "--max-body", paramLabel = "SIZE", defaultValue = "1MiB", converter = Size.class,
            description = "Largest body of POST /v1/evaluate (default: ${DEFAULT-VALUE}); larger is 413.")
    long maxBody;

    @Option(names = "--max-batch-body", paramLabel = "SIZE", defaultValue = "64MiB", converter = Size.class,
            description = "Largest body of POST /v1/evaluate/batch (default: ${DEFAULT-VALUE}): a larger "
                    + "Content-Length is 413, a chunked body is cut there with an error line.")
    long maxBatchBody;

    @Option(names = "--max-batch-lines", paramLabel = "N", defaultValue = "10000", converter = Count.class,
            description = "Most entries in one batch (default: ${DEFAULT-VALUE}); the batch is cut after them "
                    + "with an error line.")
    int maxBatchLines;

    @Option(names = "--time-limit", paramLabel = "DURATION", defaultValue = "10s", converter = Time.class,
            description = "Longest a POST /v1/evaluate may take (default: ${DEFAULT-VALUE}); past it, 503.")
    Duration timeLimit;

    @Option(names = "--batch-time-limit", paramLabel = "DURATION", defaultValue = "60s", converter = Time.class,
            description = "Longest a batch may run (default: ${DEFAULT-VALUE}); past it, it is cut with an error "
                    + "line.")
    Duration batchTimeLimit;

    @Mixin
    Huzhu.Folders folders = new Huzhu.Folders();

    /**
     * @param err     where the line saying where it serves goes
     * @param engines builds the engine from the {@code --rulesets} folders, as every command does
     */
    ServeCommand(PrintStream err, Function<List<Path>, SubsidyEngine> engines) {
        this.err = err;
        this.engines = engines;
    }

    @Override
    public Integer call() throws InterruptedException {
        ServeLimits limits = new ServeLimits(maxBody, maxBatchBody, maxBatchLines, timeLimit, batchTimeLimit,
                workers != null ? workers : Runtime.getRuntime().availableProcessors());
        long started = System.nanoTime();
        SubsidyEngine engine = engines.apply(folders.folders);
        ServeServer server = ServeServer.start(engine, limits, host, port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "huzhu-serve-stop"));
        err.printf(Locale.ROOT, "huzhu serve: serving %d ruleset versions at http://%s:%d/ (started in %d ms; "
                        + "%d workers; limits: body %d B, batch %d B and %d lines, time %d ms, batch %d ms); "
                        + "GET /openapi.json describes the API; stop with Ctrl-C%n",
                engine.rulesets().size(), host.contains(":") ? "[" + host + "]" : host, server.port(),
                (System.nanoTime() - started) / 1_000_000, limits.workers(), limits.evaluateBodyBytes(),
                limits.batchBodyBytes(), limits.batchLines(), limits.evaluateTime().toMillis(),
                limits.batchTime().toMillis());
        err.flush();
        server.awaitStop();
        return Huzhu.EXIT_OK;
    }

    /** A count of at least 1. */
    static final class Count implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int n;
            try {
                n = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("expected a whole number, got '" + value + "'");
            }
            if (n < 1) {
                throw new CommandLine.TypeConversionException("must be at least 1, got " + n);
            }
            return n;
        }
    }

    /** A size in bytes: {@code 1048576}, {@code 512KiB}, {@code 64MiB}, {@code 1GiB}. */
    static final class Size implements CommandLine.ITypeConverter<Long> {
        private static final Pattern SIZE = Pattern.compile("(\\d{1,12})(B|KiB|MiB|GiB)?");

        @Override
        public Long convert(String value) {
            Matcher m = SIZE.matcher(value);
            if (!m.matches()) {
                throw new CommandLine.TypeConversionException("expected a size such as 1048576, 512KiB or 64MiB, "
                        + "got '" + value + "'");
            }
            long n = Long.parseLong(m.group(1));
            long unit = m.group(2) == null ? 1 : switch (m.group(2)) {
                case "KiB" -> 1024L;
                case "MiB" -> 1024L * 1024;
                case "GiB" -> 1024L * 1024 * 1024;
                default -> 1L;
            };
            if (n < 1) {
                throw new CommandLine.TypeConversionException("must be at least 1 byte, got '" + value + "'");
            }
            return n * unit;
        }
    }

    /** A duration: {@code 500ms}, {@code 10s}, {@code 2m}. */
    static final class Time implements CommandLine.ITypeConverter<Duration> {
        private static final Pattern TIME = Pattern.compile("(\\d{1,9})(ms|s|m)");

        @Override
        public Duration convert(String value) {
            Matcher m = TIME.matcher(value);
            if (!m.matches() || Long.parseLong(m.group(1)) < 1) {
                throw new CommandLine.TypeConversionException("expected a positive duration such as 500ms, 10s or "
                        + "2m, got '" + value + "'");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMinutes(n);
            };
        }
    }
}
