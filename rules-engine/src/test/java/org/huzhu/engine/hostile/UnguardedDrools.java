package org.huzhu.engine.hostile;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.huzhu.api.BenefitHistory;
import org.huzhu.api.Claim;
import org.huzhu.api.CoveragePeriod;
import org.huzhu.api.HospitalStay;
import org.huzhu.api.Member;
import org.huzhu.api.ruleset.ClaimContext;
import org.huzhu.engine.internal.ClaimState;
import org.huzhu.api.ruleset.Parameter;
import org.huzhu.api.ruleset.Parameters;
import org.huzhu.api.ruleset.Provenance;
import org.huzhu.api.ruleset.Rounding;
import org.huzhu.api.ruleset.Stay;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSession;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

/**
 * Plain Drools with no sandbox and no checks: compiles a DRL from its text, inserts claims the way the engine
 * does ({@code ClaimContext} and {@code Stay} facts, one key per claim), fires without a cap and reports what
 * happened. It exists to prove that each hostile payload is live, so that a refusal by the real engine means
 * something.
 */
public final class UnguardedDrools {
    /** What one run did. */
    public record Outcome(List<ClaimState> contexts, Throwable thrown, boolean finished) {
        /** The amount the payload granted to claim {@code key} under kind HOSTILE, or null. */
        public BigDecimal hostileAmount(int key) {
            if (contexts.size() <= key) {
                return null;
            }
            return contexts.get(key).benefits().stream().filter(b -> b.kind().equals("HOSTILE"))
                    .map(b -> b.amount()).reduce(BigDecimal::add).orElse(null);
        }

        /** The characters of explanation text claim {@code key}'s benefits carry. */
        public long explanationChars(int key) {
            if (contexts.size() <= key) {
                return 0;
            }
            return contexts.get(key).benefits().stream().flatMap(b -> b.explanation().stream())
                    .mapToLong(m -> m.toString().length()).sum();
        }
    }

    static final LocalDate DAY = LocalDate.of(2024, 3, 1);

    private UnguardedDrools() {
    }

    /**
     * Compiles {@code drl} in the calling thread, then fires it over {@code claims} claims (each with one stay of
     * self-pay 100) in a worker thread. A run still going after {@code timeoutMillis} is stopped with
     * {@link Thread#stop()} (JDK 17 still honours it; an infinite loop must not keep burning a shared CPU for the
     * rest of the build) and reported as not finished. Compiling is never stopped that way: a thread killed inside
     * a class initialiser (ECJ's, on the first compile) poisons that class for the whole JVM.
     */
    @SuppressWarnings("removal")
    public static Outcome run(String drl, int claims, long timeoutMillis) throws InterruptedException {
        List<ClaimState> contexts = new ArrayList<>();
        org.drools.kiesession.rulebase.InternalKnowledgeBase kb;
        try {
            kb = compile(drl);
        } catch (Throwable t) { // the point: whatever the payload raises, Errors included
            return new Outcome(List.of(), t, true);
        }
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                fire(kb, claims, contexts);
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "unguarded-drools");
        worker.setDaemon(true);
        worker.start();
        worker.join(timeoutMillis);
        if (worker.isAlive()) {
            try {
                worker.stop();
            } catch (UnsupportedOperationException e) {
                worker.interrupt(); // JDK 20+: the daemon is abandoned
            }
            worker.join(2_000);
            return new Outcome(List.copyOf(contexts), thrown.get(), false);
        }
        return new Outcome(List.copyOf(contexts), thrown.get(), true);
    }

    private static org.drools.kiesession.rulebase.InternalKnowledgeBase compile(String drl) {
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        builder.add(ResourceFactory.newByteArrayResource(drl.getBytes(StandardCharsets.UTF_8)), ResourceType.DRL);
        if (builder.hasErrors()) {
            throw new IllegalStateException("the payload does not compile in plain Drools: " + builder.getErrors());
        }
        org.drools.kiesession.rulebase.InternalKnowledgeBase kb =
                org.drools.kiesession.rulebase.KnowledgeBaseFactory.newKnowledgeBase();
        kb.addPackages(builder.getKnowledgePackages());
        return kb;
    }

    private static void fire(org.drools.kiesession.rulebase.InternalKnowledgeBase kb, int claims,
                             List<ClaimState> contexts) {
        KieSession session = kb.newKieSession();
        try {
            for (int key = 0; key < claims; key++) {
                ClaimState c = context(key);
                contexts.add(c);
                session.insert(c);
                session.insert(new Stay(key, "stay " + key, c.getClaim().stays().get(0), false, true));
            }
            session.fireAllRules();
        } finally {
            session.dispose();
        }
    }

    /** A claim like the engine's: one stay of self-pay 100, parameter {@code amount} = 100. */
    static ClaimState context(int key) {
        HospitalStay stay = new HospitalStay("S" + key, null, DAY, DAY.plusDays(5), null, null, new BigDecimal("100"),
                null, null, null, null, null, null, null);
        Member member = new Member("M" + key, LocalDate.of(1980, 1, 1), true, false, null, null, List.of());
        Claim claim = Claim.ofStays("C" + key, member, DAY, List.of(stay));
        Parameters parameters = new Parameters(List.of(new Parameter("amount", "money", "an amount",
                new BigDecimal("100"), null, null, false, null,
                new Provenance("assumed", null, null, null, "a test"))));
        return new ClaimState(key, claim, BenefitHistory.EMPTY,
                new CoveragePeriod(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31)), true, parameters,
                Rounding.FEN_HALF_UP);
    }
}
