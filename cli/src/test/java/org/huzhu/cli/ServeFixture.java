package org.huzhu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.huzhu.api.Decision;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.Language;
import org.huzhu.api.SubsidyEngine;
import org.huzhu.api.json.HuzhuJson;

/**
 * What the {@code huzhu serve} tests share: one engine over the repository's rulesets (the same folder the CLI runs
 * are given), servers on loopback at a free port, a plain HTTP/1.1 client, and in-process answers to compare with.
 */
final class ServeFixture {
    static final Path RULESETS = Path.of("..", "rulesets");
    static final Path CLAIMS = Path.of("..", "examples", "claims");
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static SubsidyEngine engine;

    private ServeFixture() {
    }

    /** One engine for every serve test in this JVM: building one is the slow part. */
    static synchronized SubsidyEngine engine() {
        if (engine == null) {
            engine = SubsidyEngine.builder().addRulesetFolder(RULESETS).build();
        }
        return engine;
    }

    static ServeLimits limits() {
        return new ServeLimits(ServeLimits.MIB, 64 * ServeLimits.MIB, 10_000, Duration.ofSeconds(30),
                Duration.ofSeconds(120), 4);
    }

    static ServeServer start(ServeLimits limits) {
        return ServeServer.start(engine(), limits, "127.0.0.1", 0);
    }

    record Response(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    static URI uri(ServeServer server, String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    static Response post(ServeServer server, String pathAndQuery, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(server, pathAndQuery)).timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b.build());
    }

    static Response get(ServeServer server, String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(server, pathAndQuery)).timeout(Duration.ofSeconds(60)).GET().build());
    }

    static Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs the tool in-process; its exit code, standard output and standard error. */
    record Run(int exit, byte[] out, String err) {
    }

    static Run huzhu(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InputStream in = new java.io.ByteArrayInputStream(stdin == null ? new byte[0] : stdin);
        int exit = new Huzhu(in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Run(exit, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    static List<Path> exampleClaims() {
        try (var files = Files.list(CLAIMS)) {
            List<Path> claims = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            assertThat(claims).hasSizeGreaterThanOrEqualTo(8);
            return claims;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Example claim {@code example} made different for {@code variant}: its claim id gets the variant's suffix and
     * every stay of the claim {@code variant} whole yuan more co-pay (so that bands and caps fall differently).
     */
    static byte[] variant(Path example, int variant) {
        try {
            ObjectNode request = (ObjectNode) MAPPER.readTree(Files.readAllBytes(example));
            ObjectNode claim = (ObjectNode) request.get("claim");
            claim.put("id", claim.get("id").asText() + "-V" + variant);
            if (claim.get("stays") instanceof ArrayNode stays) {
                for (JsonNode stay : stays) {
                    ObjectNode s = (ObjectNode) stay;
                    s.put("coPay", s.get("coPay").decimalValue().add(BigDecimal.valueOf(variant)));
                }
            }
            return MAPPER.writeValueAsBytes(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The decision JSON computed here, on this thread, as the CLI computes it: the answer the service must give. */
    static String decisionInProcess(byte[] body, Language lang) {
        SubsidyEngine e = engine();
        Decision d = e.evaluate(HuzhuJson.read(body, EvaluationRequest.class, ServeServer.BODY));
        return DecisionJson.write(d, e.texts(d), lang, e.rulesets().stream()
                .filter(r -> r.id().equals(d.rulesetId())).findFirst().orElseThrow()) + "\n";
    }
}
