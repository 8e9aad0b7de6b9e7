package org.huzhu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.huzhu.api.Language;
import org.junit.jupiter.api.Test;

/**
 * Many clients at once get exactly the decisions computed one at a time, while, at the same time, oversized and
 * malformed requests are refused (413, 400) without harming them.
 */
class ServeConcurrencyTest {
    static final int CLIENTS = 16;
    static final int REQUESTS_PER_CLIENT = 6;
    static final int REFUSING_CLIENTS = 4;

    /** One request a client sends, and the answer it must get. */
    record Exchange(String query, byte[] body, String expected) {
    }

    @Test
    void concurrentClientsGetTheSingleThreadedDecisionsWhileBadRequestsAreRefused() throws Exception {
        List<Path> examples = ServeFixture.exampleClaims();
        // Every client its own claims: a different example and co-pay per request, alternating languages.
        List<List<Exchange>> plans = new ArrayList<>();
        Set<String> distinct = new HashSet<>();
        for (int c = 0; c < CLIENTS; c++) {
            List<Exchange> plan = new ArrayList<>();
            for (int r = 0; r < REQUESTS_PER_CLIENT; r++) {
                int variant = c * REQUESTS_PER_CLIENT + r;
                byte[] body = ServeFixture.variant(examples.get(variant % examples.size()), variant);
                Language lang = variant % 2 == 0 ? Language.ZH : Language.EN;
                String expected = ServeFixture.decisionInProcess(body, lang);   // single-threaded, here
                distinct.add(expected);
                plan.add(new Exchange("?lang=" + lang.code(), body, expected));
            }
            plans.add(plan);
        }
        assertThat(distinct).as("every request has its own decision").hasSize(CLIENTS * REQUESTS_PER_CLIENT);

        // Just over the 1 MiB body limit: a valid request padded with spaces. And malformed JSON.
        byte[] padding = new byte[(int) ServeLimits.MIB];
        Arrays.fill(padding, (byte) ' ');
        byte[] oversized = concat(plans.get(0).get(0).body(), padding);
        byte[] malformed = "{\"ruleset\": \"wujin\", \"claim\": {\"id\": ".getBytes(StandardCharsets.UTF_8);

        try (ServeServer server = ServeFixture.start(ServeFixture.limits())) {
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS + REFUSING_CLIENTS);
            CyclicBarrier go = new CyclicBarrier(CLIENTS + REFUSING_CLIENTS);
            Map<String, Integer> refusals = new ConcurrentHashMap<>();
            List<Future<List<String>>> answers = new ArrayList<>();
            for (List<Exchange> plan : plans) {
                answers.add(clients.submit(() -> {
                    go.await();
                    List<String> got = new ArrayList<>();
                    for (Exchange e : plan) {
                        ServeFixture.Response r = ServeFixture.post(server, "/v1/evaluate" + e.query(),
                                "application/json", e.body());
                        got.add(r.status() + " " + r.body());
                    }
                    return got;
                }));
            }
            List<Future<?>> refusing = new ArrayList<>();
            for (int c = 0; c < REFUSING_CLIENTS; c++) {
                boolean big = c % 2 == 0;
                refusing.add(clients.submit(() -> {
                    go.await();
                    for (int r = 0; r < REQUESTS_PER_CLIENT; r++) {
                        ServeFixture.Response resp = ServeFixture.post(server, "/v1/evaluate", "application/json",
                                big ? oversized : malformed);
                        refusals.merge(resp.status() + " " + resp.json().get("error").get("code").asText(), 1,
                                Integer::sum);
                    }
                    return null;
                }));
            }
            for (Future<?> f : refusing) {
                f.get(5, TimeUnit.MINUTES);
            }
            for (int c = 0; c < CLIENTS; c++) {
                List<String> got = answers.get(c).get(5, TimeUnit.MINUTES);
                List<String> expected = plans.get(c).stream().map(e -> "200 " + e.expected()).toList();
                assertThat(got).as("client " + c).isEqualTo(expected);
            }
            clients.shutdown();
            int each = REFUSING_CLIENTS / 2 * REQUESTS_PER_CLIENT;
            assertThat(refusals).isEqualTo(Map.of("413 BODY_TOO_LARGE", each, "400 INVALID_INPUT", each));
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
