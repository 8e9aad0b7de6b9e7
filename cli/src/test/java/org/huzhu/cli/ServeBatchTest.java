package org.huzhu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.huzhu.actuary.population.Population;
import org.huzhu.actuary.population.PopulationEntry;
import org.huzhu.api.Decision;
import org.huzhu.api.EvaluationError;
import org.huzhu.api.HuzhuException;
import org.huzhu.api.Language;
import org.huzhu.api.SubsidyEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/evaluate/batch}: one line per entry, in order, each the {@link ResultLine} of that entry; limits
 * cut a batch with a clear last line; answers stream while the body is still arriving.
 */
class ServeBatchTest {
    static final String NDJSON = "application/x-ndjson";
    static final ObjectMapper MAPPER = new ObjectMapper();
    static ServeServer server;

    @BeforeAll
    static void start() {
        server = ServeFixture.start(ServeFixture.limits());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** An example claim as one line of JSON Lines. */
    static String line(Path example, int variant) {
        return new String(ServeFixture.variant(example, variant), StandardCharsets.UTF_8);
    }

    /**
     * The lines expected for a body, computed here: the body read with the same {@link Population}, each request
     * evaluated alone with {@code evaluate} (the service uses {@code evaluateAll}), written as {@link ResultLine}.
     */
    static List<String> expectedLines(byte[] body, Language lang) {
        SubsidyEngine engine = ServeFixture.engine();
        List<String> lines = new ArrayList<>();
        try (Population p = Population.jsonLines(new ByteArrayInputStream(body), ServeServer.BODY)) {
            while (p.hasNext()) {
                PopulationEntry e = p.next();
                if (e.failed()) {
                    lines.add(ResultLine.failed(e.index(), e.where(), e.claimId(), e.error()));
                    continue;
                }
                try {
                    Decision d = engine.evaluate(e.request());
                    lines.add(ResultLine.decided(e.index(), e.where(), e.request().claim().applicationDate(), d,
                            engine.texts(d), lang, engine.rulesets()
                            .stream().filter(r -> r.id().equals(d.rulesetId())).findFirst().orElseThrow()));
                } catch (HuzhuException x) {
                    lines.add(ResultLine.failed(e.index(), e.where(), e.claimId(), EvaluationError.of(x)));
                }
            }
        }
        return lines;
    }

    static List<String> lines(String body) {
        return body.isEmpty() ? List.of() : List.of(body.split("\n", -1)).subList(0, body.split("\n", -1).length - 1);
    }

    @Test
    void mixedLinesGiveOneLineEachInOrderEqualToTheResultLines() throws IOException {
        List<Path> examples = ServeFixture.exampleClaims();
        String body = line(examples.get(7), 1) + "\n"                       // 1: wujin, decided
                + "\n"                                                     // 2: blank, not an entry
                + "{\"ruleset\": \"wujin\", \"claim\": {\"id\": \"BAD-1\", \"claimDate\": \"2024-13-01\"}}\n"  // 3
                + "not json at all\r\n"                                     // 4: CRLF
                + "   \n"                                                  // 5: blank
                + line(examples.get(0), 2) + "\n"                          // 6: changchun, decided
                + "{\"ruleset\": \"nowhere\", \"claim\": {\"id\": \"NO-1\", \"claimDate\": \"2024-03-01\", "
                + "\"member\": {\"id\": \"M\"}}}\n"                         // 7: read, then refused by the engine
                + line(examples.get(6), 3);                                 // 8: shaoxing, no final line break
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ServeFixture.Response r = ServeFixture.post(server, "/v1/evaluate/batch?lang=en", NDJSON, bytes);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualToIgnoringWhitespace("application/x-ndjson;charset=utf-8");
        List<String> got = lines(r.body());
        assertThat(got).isEqualTo(expectedLines(bytes, Language.EN));

        // Worked out by hand: six entries (two blank lines are none), indexed 0..5, each naming its line.
        assertThat(got).hasSize(6);
        List<JsonNode> json = got.stream().map(ServeBatchTest::json).toList();
        assertThat(json.stream().map(j -> j.get("index").asInt()).toList()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(json.stream().map(j -> j.get("where").asText()).toList()).containsExactly("<body>:1", "<body>:3",
                "<body>:4", "<body>:6", "<body>:7", "<body>:8");
        assertThat(json.get(0).get("decision").get("claimId").asText()).isEqualTo("WJ-2024-0001-V1");
        assertThat(json.get(1).get("claimId").asText()).isEqualTo("BAD-1");
        assertThat(json.get(1).get("error").get("code").asText()).isEqualTo("INVALID_INPUT");
        assertThat(json.get(1).get("error").get("field").asText()).endsWith("claim.claimDate");
        assertThat(json.get(2).get("error").get("message").asText()).contains("is not well-formed");
        assertThat(json.get(3).get("decision").get("scheme").asText()).isEqualTo("changchun");
        assertThat(json.get(4).get("error").get("code").asText()).isEqualTo("UNKNOWN_RULESET");
        assertThat(json.get(5).get("decision").get("lang").asText()).isEqualTo("en");
    }

    @Test
    void aBatchOverTheLineLimitIsCutWithAnErrorLineNamingTheFirstEntryLeftOut() {
        List<Path> examples = ServeFixture.exampleClaims();
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            body.append(line(examples.get(i), i)).append("\n\n");   // entries on lines 1, 3, 5, ...
        }
        try (ServeServer limited = ServeFixture.start(new ServeLimits(ServeLimits.MIB, ServeLimits.MIB, 5,
                Duration.ofSeconds(30), Duration.ofSeconds(60), 2))) {
            ServeFixture.Response r = ServeFixture.post(limited, "/v1/evaluate/batch", NDJSON,
                    body.toString().getBytes(StandardCharsets.UTF_8));
            assertThat(r.status()).isEqualTo(200);
            List<String> got = lines(r.body());
            // 5 entries answered, then one line for the 6th (line 11) saying the rest was not evaluated.
            assertThat(got).hasSize(6);
            assertThat(got.subList(0, 5)).isEqualTo(expectedLines(body.toString().getBytes(StandardCharsets.UTF_8),
                    Language.ZH).subList(0, 5));
            JsonNode cut = json(got.get(5));
            assertThat(cut.get("index").asInt()).isEqualTo(5);
            assertThat(cut.get("where").asText()).isEqualTo("<body>:11");
            assertThat(cut.get("error").get("code").asText()).isEqualTo("INVALID_INPUT");
            assertThat(cut.get("error").get("message").asText()).isEqualTo("<body>:11: more than 5 entries in one "
                    + "batch (--max-batch-lines); the entries from index 5 on were not evaluated: send them in another "
                    + "request");
        }
    }

    @Test
    void aChunkedBodyOverTheByteLimitIsCutAndADeclaredOneIs413() {
        List<Path> examples = ServeFixture.exampleClaims();
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            entries.add(line(examples.get(i), i));
        }
        // The limit falls inside the fourth entry: three are answered, the cut line stands for the fourth.
        long limit = entries.subList(0, 3).stream().mapToInt(e -> e.getBytes(StandardCharsets.UTF_8).length).sum()
                + 3 + 10;
        byte[] body = (String.join("\n", entries) + "\n").getBytes(StandardCharsets.UTF_8);
        try (ServeServer limited = ServeFixture.start(new ServeLimits(ServeLimits.MIB, limit, 100,
                Duration.ofSeconds(30), Duration.ofSeconds(60), 2))) {
            HttpRequest chunked = HttpRequest.newBuilder(ServeFixture.uri(limited, "/v1/evaluate/batch"))
                    .header("Content-Type", NDJSON)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
            ServeFixture.Response r = ServeFixture.send(chunked);
            assertThat(r.status()).isEqualTo(200);
            List<String> got = lines(r.body());
            assertThat(got).hasSize(4);
            assertThat(got.subList(0, 3)).isEqualTo(expectedLines(body, Language.ZH).subList(0, 3));
            JsonNode cut = json(got.get(3));
            assertThat(cut.get("index").asInt()).isEqualTo(3);
            assertThat(cut.get("error").get("message").asText()).isEqualTo("<body>: longer than the limit of " + limit
                    + " bytes (--max-batch-body); the entries from index 3 on were not evaluated: send them in "
                    + "another request");

            ServeFixture.Response declared = ServeFixture.post(limited, "/v1/evaluate/batch", NDJSON, body);
            assertThat(declared.status()).isEqualTo(413);
            assertThat(declared.json().get("error").get("code").asText()).isEqualTo("BODY_TOO_LARGE");
        }
    }

    @Test
    void aBatchPastItsTimeLimitEndsWithAnEvaluationErrorLine() {
        byte[] body = (line(ServeFixture.exampleClaims().get(0), 0) + "\n").getBytes(StandardCharsets.UTF_8);
        try (ServeServer hurried = ServeFixture.start(new ServeLimits(ServeLimits.MIB, ServeLimits.MIB, 10,
                Duration.ofSeconds(1), Duration.ofNanos(1), 1))) {
            List<String> got = lines(ServeFixture.post(hurried, "/v1/evaluate/batch", NDJSON, body).body());
            assertThat(got).hasSize(1);
            JsonNode cut = json(got.get(0));
            assertThat(cut.get("index").asInt()).isZero();
            assertThat(cut.get("where").asText()).isEqualTo("<body>:1");
            assertThat(cut.get("error").get("code").asText()).isEqualTo("EVALUATION_ERROR");
            assertThat(cut.get("error").get("message").asText()).contains("--batch-time-limit");
        }
    }

    @Test
    void aWrongContentTypeIs415() {
        ServeFixture.Response r = ServeFixture.post(server, "/v1/evaluate/batch", "text/csv", "a,b\n".getBytes(
                StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(415);
        assertThat(r.json().get("error").get("code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void aLargeBatchStreamsThousandsOfLinesInOrder() throws Exception {
        List<Path> examples = ServeFixture.exampleClaims();
        int n = 3000;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) {
            body.write((line(examples.get(i % examples.size()), i) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = body.toByteArray();
        HttpRequest request = HttpRequest.newBuilder(ServeFixture.uri(server, "/v1/evaluate/batch?lang=zh"))
                .header("Content-Type", NDJSON)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build();
        HttpResponse<InputStream> response = ServeFixture.CLIENT.send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> got = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            for (String l; (l = reader.readLine()) != null; ) {
                got.add(l);
            }
        }
        assertThat(got).hasSize(n);
        assertThat(got).isEqualTo(expectedLines(bytes, Language.ZH));
    }

    /**
     * The first chunk's lines arrive while the client is still sending: a raw HTTP/1.1 exchange sends 256 entries,
     * waits for the first answer line, and only then sends the rest and ends the body.
     */
    @Test
    void linesArriveBeforeTheBodyEnds() throws IOException {
        List<Path> examples = ServeFixture.exampleClaims();
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < ServeBatch.CHUNK; i++) {
            first.append(line(examples.get(i % examples.size()), i)).append('\n');
        }
        String rest = line(examples.get(0), 999) + "\n";
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(120_000);   // a server that waited for the whole body would fail here, not hang
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/evaluate/batch HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + NDJSON
                    + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            writeChunk(out, first.toString());
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readUntil(in, "\r\n\r\n");
            assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("Transfer-Encoding: chunked");
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            while (answer.toString(StandardCharsets.UTF_8).indexOf('\n') < 0) {
                answer.write(readChunk(in));
            }
            assertThat(answer.toString(StandardCharsets.UTF_8)).startsWith("{\"index\":0,\"where\":\"<body>:1\",\"claimId\":");

            writeChunk(out, rest);
            out.write("0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            for (byte[] chunk; (chunk = readChunk(in)).length > 0; ) {
                answer.write(chunk);
            }
            List<String> got = lines(answer.toString(StandardCharsets.UTF_8));
            assertThat(got).hasSize(ServeBatch.CHUNK + 1);
            assertThat(got.get(ServeBatch.CHUNK)).startsWith("{\"index\":" + ServeBatch.CHUNK + ",\"where\":\"<body>:"
                    + (ServeBatch.CHUNK + 1) + "\",\"claimId\":\"CC-2023-0557-V999\",\"applicationDate\":\"2023-05-06\","
                    + "\"decision\":");   // the example's claimDate, which its applicationDate defaults to
        }
    }

    /** One chunk of a chunked HTTP/1.1 body: its data, empty for the last. */
    private static byte[] readChunk(InputStream in) throws IOException {
        String sizeLine = readUntil(in, "\r\n").trim();
        int size = Integer.parseInt(sizeLine.split(";", 2)[0], 16);
        byte[] data = in.readNBytes(size);
        assertThat(readUntil(in, "\r\n")).isEqualTo("\r\n");
        return data;
    }

    private static void writeChunk(OutputStream out, String data) throws IOException {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.UTF_8));
    }

    /** Reads until {@code end} has been read; what was read, {@code end} included. */
    private static String readUntil(InputStream in, String end) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] tail = end.getBytes(StandardCharsets.UTF_8);
        for (int b; (b = in.read()) >= 0; ) {
            read.write(b);
            byte[] sofar = read.toByteArray();
            if (sofar.length >= tail.length && java.util.Arrays.equals(sofar, sofar.length - tail.length,
                    sofar.length, tail, 0, tail.length)) {
                break;
            }
        }
        return read.toString(StandardCharsets.UTF_8);
    }

    static JsonNode json(String line) {
        try {
            return MAPPER.readTree(line);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(line, e);
        }
    }
}
