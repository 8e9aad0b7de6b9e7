package org.huzhu.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.SubsidyEngine;
import org.huzhu.api.json.HuzhuJson;

/**
 * A harness, not a JMH benchmark: single-claim requests per second to the real {@code ./huzhu serve} over loopback
 * with a few concurrent clients, against {@code engine.evaluate} in this JVM with as many threads, in the same run;
 * and the time from starting the process to its first answer. It measures a whole process (JIT, Jetty, the
 * client), which JMH's forks would hide.
 *
 * <pre>
 * mvn -q -B -DskipTests package
 * java -cp benchmarks/target/benchmarks.jar org.huzhu.benchmarks.ServeThroughput   # from the project root
 *     [-Dseconds=10] [-Dwarmup=5] [-Dclients=1,2,4]
 * </pre>
 *
 * Requests are the example claims ({@code examples/claims/*.json}), 64 variants with distinct claim ids, in turn;
 * every answer must be 200, or the run stops. The in-process side reads the same bodies once and evaluates the
 * requests (no JSON writing: that is what the service adds, with HTTP).
 */
public final class ServeThroughput {
    private static final Pattern CLAIM_ID = Pattern.compile("(\"claim\"\\s*:\\s*\\{\\s*\"id\"\\s*:\\s*\")([^\"]+)\"");
    private static final Pattern URL = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/");

    private ServeThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.getInteger("seconds", 10);
        int warmup = Integer.getInteger("warmup", 5);
        int[] clients = Stream.of(System.getProperty("clients", "1,2,4").split(",")).mapToInt(Integer::parseInt)
                .toArray();
        List<byte[]> bodies = bodies(64);
        System.out.println("load average at start: " + loadAverage());

        // 1. The real process: start-up, first and second answer.
        long t0 = System.nanoTime();
        Process server = new ProcessBuilder("./huzhu", "serve", "--port", "0").redirectOutput(
                ProcessBuilder.Redirect.DISCARD).start();
        int port;
        try {
            port = port(server);
            double startMs = ms(System.nanoTime() - t0);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI evaluate = URI.create("http://127.0.0.1:" + port + "/v1/evaluate");
            long t1 = System.nanoTime();
            post(client, evaluate, bodies.get(0));
            double firstMs = ms(System.nanoTime() - t1);
            long t2 = System.nanoTime();
            post(client, evaluate, bodies.get(1));
            double secondMs = ms(System.nanoTime() - t2);
            System.out.printf(Locale.ROOT, "start to listening: %.0f ms; first answer: %.1f ms; second: %.1f ms%n",
                    startMs, firstMs, secondMs);

            // 2. Loopback throughput, and the same clients on GET /health: what HTTP alone costs here.
            URI health = URI.create("http://127.0.0.1:" + port + "/health");
            for (int c : clients) {
                run(c, warmup, i -> post(client, evaluate, bodies.get(i % bodies.size())));
                double rate = run(c, seconds, i -> post(client, evaluate, bodies.get(i % bodies.size())));
                double floor = run(c, seconds, i -> get(client, health));
                System.out.printf(Locale.ROOT, "HTTP %d client(s): POST /v1/evaluate %,.0f requests/s "
                        + "(GET /health %,.0f requests/s)%n", c, rate, floor);
            }
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }

        // 3. In process, the same requests.
        SubsidyEngine engine = SubsidyEngine.builder().build();
        List<EvaluationRequest> requests = bodies.stream()
                .map(b -> HuzhuJson.read(b, EvaluationRequest.class, "bench")).toList();
        for (int c : clients) {
            run(c, warmup, i -> engine.evaluate(requests.get(i % requests.size())));
            double rate = run(c, seconds, i -> engine.evaluate(requests.get(i % requests.size())));
            System.out.printf(Locale.ROOT, "engine.evaluate %d thread(s): %,.0f claims/s%n", c, rate);
        }
        System.out.println("load average at end: " + loadAverage());
    }

    /** The machine's 1, 5 and 15 minute load averages (Linux), to judge how shared the run was. */
    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2] + " (" + Runtime.getRuntime().availableProcessors()
                    + " processors)";
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The example claims, {@code n} variants with distinct claim ids. */
    private static List<byte[]> bodies(int n) throws IOException {
        List<String> examples;
        try (Stream<Path> files = Files.list(Path.of("examples", "claims"))) {
            examples = files.filter(f -> f.toString().endsWith(".json")).sorted().map(f -> {
                try {
                    return Files.readString(f);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String text = examples.get(i % examples.size());
            Matcher m = CLAIM_ID.matcher(text);
            if (!m.find()) {
                throw new IllegalStateException("no claim id in an example claim");
            }
            bodies.add(m.replaceFirst("$1$2-B" + i + "\"").getBytes(StandardCharsets.UTF_8));
        }
        return bodies;
    }

    /** Reads the server's standard error until it says where it serves. */
    private static int port(Process server) throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(server.getErrorStream(),
                StandardCharsets.UTF_8));
        for (String line; (line = err.readLine()) != null; ) {
            Matcher m = URL.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> err.lines().forEach(l -> { }), "serve-stderr");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
        }
        throw new IllegalStateException("huzhu serve ended before serving");
    }

    private static void get(HttpClient client, URI uri) {
        try {
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET()
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("answer " + r.statusCode());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void post(HttpClient client, URI uri, byte[] body) {
        try {
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("answer " + r.statusCode() + ": " + new String(r.body(),
                        StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code op} on {@code threads} threads for {@code seconds}; operations per second, all threads. */
    private static double run(int threads, int seconds, IntConsumer op) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long start = System.nanoTime();
        List<Future<Long>> counts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t * 17;
            counts.add(pool.submit(() -> {
                long n = 0;
                while (System.nanoTime() < end) {
                    op.accept((int) (offset + n));
                    n++;
                }
                return n;
            }));
        }
        long total = 0;
        for (Future<Long> f : counts) {
            total += f.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return total / elapsed;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
