package org.huzhu.engine;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.drools.core.impl.RuleBaseFactory;
import org.drools.kiesession.session.StatefulKnowledgeSessionImpl;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.KeepReferenceOption;
import org.kie.api.runtime.conf.ThreadSafeOption;

/**
 * The rule sessions of one knowledge base, reused. A new session builds its node and segment memories and index
 * tables as facts first reach each node, which for one claim costs as much as evaluating it; a session given back
 * keeps those memories, emptied: {@link StatefulKnowledgeSessionImpl#reset()} (what Drools' own
 * {@code KieBase.newKieSessionsPool} does between uses) clears every node memory, the agenda and its focus, the
 * facts and their handle counter, and the event listeners. A session whose evaluation failed (a rule threw, or the
 * engine halted it) is never given back, so no half-run state can reach another claim. Thread-safe: a session is
 * used by one thread at a time, between {@link #take} and {@link #giveBack} or {@link #discard}; so its sessions are
 * made without Drools' own thread safety ({@link ThreadSafeOption#NO}), which locks its propagation queue and
 * agenda state on every insert and firing for sessions that other threads insert into or halt. The engine inserts,
 * fires and halts only from the thread that took the session.
 */
final class RuleSessions {
    private final KieBase knowledgeBase;
    private final KieSessionConfiguration configuration = RuleBaseFactory.newKnowledgeSessionConfiguration();
    /** Idle sessions kept at most: more than the threads that evaluate at once would only hold memory. */
    private final int maxIdle;
    private final ConcurrentLinkedQueue<KieSession> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final AtomicLong created = new AtomicLong();

    RuleSessions(KieBase knowledgeBase, int maxIdle) {
        this.knowledgeBase = knowledgeBase;
        this.maxIdle = maxIdle;
        configuration.setOption(ThreadSafeOption.NO);
        // Knowledge bases are shared by every engine that loads the same ruleset (cached by content hash), and by
        // default a knowledge base keeps every session not disposed: the idle sessions of an engine no longer used
        // would stay reachable for as long as the JVM runs. They belong to this pool alone.
        configuration.setOption(KeepReferenceOption.NO);
    }

    /** An empty session: an idle one if there is one, else a new one. */
    KieSession take() {
        KieSession session = idle.poll();
        if (session != null) {
            idleCount.decrementAndGet();
            return session;
        }
        created.incrementAndGet();
        return knowledgeBase.newKieSession(configuration, null);
    }

    /** A session whose evaluation completed: emptied and kept for the next claims, or disposed if enough are idle. */
    void giveBack(KieSession session) {
        if (idleCount.incrementAndGet() > maxIdle) {
            idleCount.decrementAndGet();
            session.dispose();
            return;
        }
        ((StatefulKnowledgeSessionImpl) session).reset();
        idle.offer(session);
    }

    /** A session whose evaluation failed: disposed, never reused. */
    void discard(KieSession session) {
        session.dispose();
    }

    /** Sessions created so far (for tests that show sessions are reused). */
    long created() {
        return created.get();
    }
}
