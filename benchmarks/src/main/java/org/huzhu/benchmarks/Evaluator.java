package org.huzhu.benchmarks;

import java.util.ArrayList;
import java.util.List;
import org.huzhu.api.Claim;
import org.huzhu.api.CoveragePeriod;
import org.huzhu.api.Decision;
import org.huzhu.api.Enrolment;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.HospitalStay;
import org.huzhu.api.ruleset.ClaimContext;
import org.huzhu.engine.internal.ClaimState;
import org.huzhu.api.ruleset.Stay;
import org.huzhu.engine.BenchAccess;
import org.kie.api.KieBase;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;

/**
 * Runs claims on a knowledge base the way DroolsSubsidyEngine.run does: one session per call, one ClaimContext
 * and its Stay facts per claim, a listener that tells each context which rule (and clause) is firing and counts
 * firings against a cap, then the decision read back from the context. Only the knowledge base differs between
 * routes, so a difference in throughput is the knowledge base's.
 */
public final class Evaluator {
    private final BenchAccess.Loaded ruleset;
    private final KieBase kieBase;

    public Evaluator(BenchAccess.Loaded ruleset, KieBase kieBase) {
        this.ruleset = ruleset;
        this.kieBase = kieBase;
    }

    /** Facts for one claim, as DroolsSubsidyEngine.prepare builds them (enrolled members only). */
    public Prepared prepare(int key, EvaluationRequest request) {
        Claim claim = request.claim();
        String scheme = ruleset.scheme();
        Enrolment enrolment = claim.member().enrolmentCovering(scheme, claim.claimDate()).orElseThrow(
                () -> new IllegalArgumentException("benchmark claims are enrolled: " + claim.id()));
        CoveragePeriod period = enrolment.coveragePeriod();
        ClaimState context = new ClaimState(key, claim, request.history(), period, true,
                ruleset.parameters(), ruleset.rounding(), ruleset.benefitKinds());
        List<Stay> stays = new ArrayList<>();
        int n = 0;
        for (HospitalStay s : claim.stays()) {
            n++;
            stays.add(new Stay(key, s.id() != null ? s.id() : "stay " + n, s, false,
                    period.contains(s.admissionDate())));
        }
        n = 0;
        for (HospitalStay s : request.history().earlierStays()) {
            n++;
            stays.add(new Stay(key, s.id() != null ? s.id() : "earlier stay " + n, s, true,
                    period.contains(s.admissionDate())));
        }
        return new Prepared(context, stays);
    }

    /** Evaluates the claims in one session; returns their decisions in order. */
    public List<Decision> run(List<EvaluationRequest> requests) {
        List<Prepared> prepared = new ArrayList<>(requests.size());
        long limit = 0;
        for (int i = 0; i < requests.size(); i++) {
            Prepared p = prepare(i, requests.get(i));
            prepared.add(p);
            limit += 1_000L * (1 + p.stays.size());     // the engine's default cap: 1,000 per claim and stay
        }
        KieSession session = kieBase.newKieSession();
        Watch watch = new Watch(limit);
        try {
            session.addEventListener(watch);
            for (Prepared p : prepared) {
                session.insert(p.context);
                for (Stay s : p.stays) {
                    session.insert(s);
                }
            }
            // The engine's stages: Base facts after counting, Granted facts after granting.
            java.util.List<String> stages = org.huzhu.engine.BenchAccess.stageGroups();
            for (int i = 0; i < stages.size(); i++) {
                if (i == 1) {
                    prepared.forEach(p -> p.context.bases().forEach(session::insert));
                } else if (i == 2) {
                    prepared.forEach(p -> p.context.granted().forEach(session::insert));
                }
                org.kie.api.runtime.rule.AgendaGroup group = session.getAgenda().getAgendaGroup(stages.get(i));
                if (group != null) {
                    group.setFocus();
                }
                session.fireAllRules();
                if (watch.fired > limit) {
                    throw new IllegalStateException("kept firing");
                }
            }
        } finally {
            session.dispose();
        }
        List<Decision> decisions = new ArrayList<>(prepared.size());
        for (Prepared p : prepared) {
            ClaimState c = p.context;
            decisions.add(new Decision(c.getClaim().id(), ruleset.scheme(), ruleset.version(), null,
                    ruleset.contentHash(), false, c.getCoveragePeriod(), c.benefits(), c.rejections(),
                    c.reviewFlags(), c.warnings(), c.rulesFired()));
        }
        return decisions;
    }

    public record Prepared(ClaimState context, List<Stay> stays) {
    }

    private final class Watch extends DefaultAgendaEventListener {
        private final long limit;
        long fired;

        Watch(long limit) {
            this.limit = limit;
        }

        @Override
        public void beforeMatchFired(BeforeMatchFiredEvent event) {
            String rule = event.getMatch().getRule().getName();
            if (++fired > limit) {
                event.getKieRuntime().halt();
            }
            for (Object o : event.getMatch().getObjects()) {
                if (o instanceof ClaimState c) {
                    java.util.Map<String, org.huzhu.api.ParameterUse> uses = new java.util.LinkedHashMap<>();
                    ruleset.conditionParameters().getOrDefault(rule, java.util.Map.of())
                            .forEach((name, type) -> uses.put(name, ruleset.parameters().use(name)));
                    c.beginRule(rule, ruleset.clauses().get(rule), uses);
                    return;
                }
            }
        }

        @Override
        public void afterMatchFired(org.kie.api.event.rule.AfterMatchFiredEvent event) {
            for (Object o : event.getMatch().getObjects()) {
                if (o instanceof ClaimState c) {
                    c.endRule();
                    return;
                }
            }
        }
    }
}
