package org.huzhu.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.huzhu.api.BenefitHistory;
import org.huzhu.api.Claim;
import org.huzhu.api.EvaluationError;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.EvaluationResult;
import org.huzhu.api.HospitalStay;
import org.huzhu.api.PriorPayment;
import org.huzhu.api.SubsidyEngine;
import org.junit.jupiter.api.Test;

/**
 * evaluateAll over an iterator: every request ends as one result, in input order, handed over on the calling thread;
 * the iterator is read at most two windows ahead of what has been handed over; threads and batch size change nothing.
 */
class EvaluateAllStreamTest {
    static final int CLAIMS = 3_000;
    static final SubsidyEngine THREE_THREADS = wujin(3);
    static final SubsidyEngine ONE_THREAD = wujin(1);

    static SubsidyEngine wujin(int threads) {
        return SubsidyEngine.builder().classpathRulesets(false).addRulesetFolder(TestRulesets.WUJIN).batchSize(16)
                .parallelism(threads).build();
    }

    /**
     * Claim {@code i}: one MI-settled stay whose 个人自理 is {@code 37.13 × i} yuan (so every claim differs, across
     * every band); every 97th names an unknown scheme, every 89th has a payment of a kind Wujin does not know.
     */
    static EvaluationRequest request(int i) {
        LocalDate d = LocalDate.of(2024, 3, 1);
        BigDecimal selfPay = new BigDecimal("37.13").multiply(BigDecimal.valueOf(i));
        HospitalStay s = new HospitalStay(null, null, d, d.plusDays(5), null, null, selfPay, null, null, null, null,
                null, null, null);
        Claim claim = Claim.ofStays("C" + i, EngineTest.ENROLLED, d, List.of(s));
        BenefitHistory history = i % 89 == 1 ? new BenefitHistory(List.of(new PriorPayment("INPATIENT_SUBSIDDY",
                LocalDate.of(2024, 1, 10), new BigDecimal("10"), null)), List.of()) : BenefitHistory.EMPTY;
        return new EvaluationRequest(i % 97 == 5 ? "nosuch" : "wujin", claim, history);
    }

    /** Wujin 2024 五.1, worked from the clause: the band of the year's 个人自理 (lower bound included). */
    static BigDecimal expectedSubsidy(int i) {
        double base = 37.13 * i;
        int[][] bands = {{100_000, 50_000}, {50_000, 20_000}, {40_000, 10_000}, {30_000, 5_000}, {20_000, 3_000},
                {15_000, 2_000}, {10_000, 1_500}, {5_000, 1_000}, {1_000, 500}};
        for (int[] b : bands) {
            if (base >= b[0]) {
                return BigDecimal.valueOf(b[1]);
            }
        }
        return BigDecimal.ZERO;
    }

    /** Makes requests as they are asked for and counts how far reading runs ahead of the results handed over. */
    static final class Generator implements Iterator<EvaluationRequest> {
        final int count;
        int taken;
        int handedOver;
        int mostAhead;

        Generator(int count) {
            this.count = count;
        }

        @Override
        public boolean hasNext() {
            return taken < count;
        }

        @Override
        public EvaluationRequest next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            mostAhead = Math.max(mostAhead, ++taken - handedOver);
            return request(taken - 1);
        }
    }

    @Test
    void everyRequestOfAStreamEndsAsOneResultInOrderOnTheCallingThread() {
        Generator requests = new Generator(CLAIMS);
        List<EvaluationResult> results = new ArrayList<>();
        Thread caller = Thread.currentThread();
        THREE_THREADS.evaluateAll(requests, r -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            requests.handedOver++;
            results.add(r);
        });
        assertThat(results).hasSize(CLAIMS);
        for (int i = 0; i < CLAIMS; i++) {
            EvaluationResult r = results.get(i);
            assertThat(r.index()).isEqualTo(i);
            assertThat(r.claimId()).isEqualTo("C" + i);
            if (i % 97 == 5) {
                assertThat(r.error().code()).isEqualTo(EvaluationError.Code.UNKNOWN_RULESET);
            } else if (i % 89 == 1) {
                assertThat(r.error().code()).isEqualTo(EvaluationError.Code.INVALID_INPUT);
                assertThat(r.error().field()).isEqualTo("history.payments[0].kind");
            } else {
                assertThat(r.decision().amountOf("INPATIENT_SUBSIDY")).as("claim %d", i)
                        .isEqualByComparingTo(expectedSubsidy(i));
            }
        }
        // Windows of 16 claims × 4 sessions × 3 threads: two of them at most are read and not yet handed over.
        assertThat(requests.mostAhead).isLessThanOrEqualTo(2 * 16 * 4 * 3);
    }

    @Test
    void threeThreadsMatchOneThreadAndEachClaimAlone() {
        List<EvaluationRequest> requests = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            requests.add(request(i * 5 + 3));
        }
        List<EvaluationResult> parallel = THREE_THREADS.evaluateAll(requests);
        List<EvaluationResult> sequential = ONE_THREAD.evaluateAll(requests);
        assertThat(parallel).isEqualTo(sequential);
        for (int i = 0; i < requests.size(); i++) {
            if (!sequential.get(i).failed()) {
                assertThat(sequential.get(i).decision()).isEqualTo(ONE_THREAD.evaluate(requests.get(i)));
            }
        }
        assertThat(sequential).filteredOn(EvaluationResult::failed).isNotEmpty();
    }

    @Test
    void anExceptionFromTheConsumerEndsTheCallAndItsThreads() throws InterruptedException {
        IllegalStateException stop = new IllegalStateException("disk full");
        assertThatThrownBy(() -> THREE_THREADS.evaluateAll(new Generator(CLAIMS), r -> {
            if (r.index() == 500) {
                throw stop;
            }
        })).isSameAs(stop);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (workersAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(workersAlive()).isFalse();
    }

    @Test
    void anExceptionFromTheIteratorEndsTheCall() {
        Iterator<EvaluationRequest> failing = new Iterator<>() {
            int n;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public EvaluationRequest next() {
                if (++n == 1000) {
                    throw new java.io.UncheckedIOException(new java.io.IOException("line 1000 cannot be read"));
                }
                return request(n);
            }
        };
        List<EvaluationResult> results = new ArrayList<>();
        assertThatThrownBy(() -> THREE_THREADS.evaluateAll(failing, results::add))
                .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("line 1000");
        // What was handed over before the failure is in order from the start.
        for (int i = 0; i < results.size(); i++) {
            assertThat(results.get(i).index()).isEqualTo(i);
        }
    }

    @Test
    void anEmptyStreamGivesNoResult() {
        List<EvaluationResult> results = new ArrayList<>();
        THREE_THREADS.evaluateAll(List.<EvaluationRequest>of().iterator(), results::add);
        assertThat(results).isEmpty();
        assertThat(THREE_THREADS.evaluateAll(List.of())).isEmpty();
    }

    @Test
    void parallelismMustBePositive() {
        assertThatThrownBy(() -> SubsidyEngine.builder().parallelism(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parallelism");
    }

    private static boolean workersAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().startsWith("huzhu-evaluate-") && t.isAlive());
    }
}
