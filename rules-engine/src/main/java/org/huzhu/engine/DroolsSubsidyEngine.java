package org.huzhu.engine;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.huzhu.api.BenefitHistory;
import org.huzhu.api.Claim;
import org.huzhu.api.CoveragePeriod;
import org.huzhu.api.Decision;
import org.huzhu.api.Enrolment;
import org.huzhu.api.EvaluationException;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.EvaluationError;
import org.huzhu.api.EvaluationResult;
import org.huzhu.api.HospitalStay;
import org.huzhu.api.HuzhuException;
import org.huzhu.api.InvalidInputException;
import org.huzhu.api.NoVersionInForceException;
import org.huzhu.api.PinnedVersionNotInForceException;
import org.huzhu.api.PriorPayment;
import org.huzhu.api.ReasonCode;
import org.huzhu.api.RulesetException;
import org.huzhu.api.RulesetId;
import org.huzhu.api.RulesetInfo;
import org.huzhu.api.SubsidyEngine;
import org.huzhu.api.UnknownRulesetException;
import org.huzhu.api.Warning;
import org.huzhu.api.ruleset.Stay;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.huzhu.engine.internal.ReformFile;
import org.huzhu.engine.internal.RulesetSource;
import org.huzhu.engine.internal.ClaimState;

/** The Drools implementation of {@link SubsidyEngine}. Immutable after construction; thread-safe. */
final class DroolsSubsidyEngine implements SubsidyEngine {
    private static final Logger LOG = LoggerFactory.getLogger(DroolsSubsidyEngine.class);

    private final Map<String, List<CompiledRuleset>> byScheme;
    private final int maxFiringsPerFact;
    private final java.time.Duration timeLimitPerClaim;
    private final int batchSize;
    /** Threads evaluateAll may use (1: the calling thread only). */
    private final int parallelism;
    /** Requests read at once by evaluateAll: enough sessions to keep every thread busy, few enough to stay small. */
    private final int windowSize;

    /** Sessions per window and thread; see {@link #windowSize}. */
    static final int SESSIONS_PER_WINDOW_AND_THREAD = 4;
    /**
     * What each ruleset needs to evaluate claims, its reusable rule sessions among it (see {@link RulesetRuntime});
     * made on first use, so a ruleset never evaluated holds none.
     */
    private final Map<CompiledRuleset, RulesetRuntime> runtimes = new java.util.concurrent.ConcurrentHashMap<>();
    /** Idle sessions kept per ruleset: enough for every core to evaluate at once, twice over. */
    private static final int MAX_IDLE_SESSIONS = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());

    DroolsSubsidyEngine(List<CompiledRuleset> rulesets, int maxFiringsPerFact, java.time.Duration timeLimitPerClaim,
                        int batchSize) {
        this(rulesets, maxFiringsPerFact, timeLimitPerClaim, batchSize, 1, e -> {
            throw e;
        });
    }

    /** With {@code onOverlap}, a version overlapping an earlier one of its scheme is handed over and left out. */
    DroolsSubsidyEngine(List<CompiledRuleset> rulesets, int maxFiringsPerFact, java.time.Duration timeLimitPerClaim,
                        int batchSize, int parallelism, Consumer<RulesetException> onOverlap) {
        Map<String, CompiledRuleset> byId = new LinkedHashMap<>();
        List<CompiledRuleset> reforms = new ArrayList<>();
        for (CompiledRuleset r : rulesets) {
            if (r.isReform()) {
                reforms.add(r);
                continue;
            }
            CompiledRuleset earlier = byId.get(r.metadata.id());
            if (earlier != null) {
                LOG.info("{} from {} replaces the one from {}", r.metadata.id(), r.source.origin(),
                        earlier.source.origin());
            }
            byId.put(r.metadata.id(), earlier == null ? r : r.replacing(earlier));
        }
        Map<String, List<CompiledRuleset>> schemes = new TreeMap<>();
        for (CompiledRuleset r : byId.values()) {
            schemes.computeIfAbsent(r.metadata.scheme(), s -> new ArrayList<>()).add(r);
        }
        for (List<CompiledRuleset> versions : schemes.values()) {
            versions.sort(Comparator.comparing(r -> r.metadata.effective().from()));
            for (int i = 1; i < versions.size(); i++) {
                RulesetInfo prev = versions.get(i - 1).info;
                RulesetInfo next = versions.get(i).info;
                if (prev.effectiveTo() == null || !prev.effectiveTo().isBefore(next.effectiveFrom())) {
                    onOverlap.accept(new RulesetException(next.origin(), next.id() + " is effective from "
                            + next.effectiveFrom() + " but " + prev.id() + " is still in force then"));
                    versions.remove(i--);
                }
            }
        }
        CompiledRuleset.attachReforms(schemes, reforms, onOverlap);
        this.byScheme = schemes;
        this.maxFiringsPerFact = maxFiringsPerFact;
        this.timeLimitPerClaim = timeLimitPerClaim;
        this.batchSize = batchSize;
        this.parallelism = parallelism;
        this.windowSize = (int) Math.min(1 << 16, (long) batchSize * SESSIONS_PER_WINDOW_AND_THREAD
                * Math.max(2, parallelism));
    }

    /** Every loaded version, by scheme then effective date. */
    List<CompiledRuleset> loaded() {
        return byScheme.values().stream().flatMap(List::stream).toList();
    }

    @Override
    public List<RulesetInfo> rulesets() {
        return byScheme.values().stream().flatMap(List::stream).flatMap(CompiledRuleset::infos).toList();
    }

    @Override
    public org.huzhu.api.Texts texts(Decision decision) {
        List<CompiledRuleset> versions = byScheme.getOrDefault(decision.scheme(), List.of());
        for (CompiledRuleset r : versions) {
            if (r.metadata.version().equals(decision.version())) {
                return r.textsFor(decision.rulesetHash());
            }
        }
        throw new IllegalArgumentException("no version " + decision.rulesetId() + " is loaded in this engine");
    }

    @Override
    public RulesetInfo resolve(String ruleset, LocalDate claimDate) {
        return find(RulesetId.parse(ruleset), claimDate, false).info;
    }

    /**
     * The version in force on {@code date}, or the pinned one. A pinned version not in force on the date is
     * refused unless {@code whatIf}: pinning says which terms the caller expects to apply, and paying under other
     * terms with only a warning is how a wrong version gets paid.
     */
    private CompiledRuleset find(RulesetId id, LocalDate date, boolean whatIf) {
        List<CompiledRuleset> versions = byScheme.get(id.scheme());
        if (versions == null) {
            throw new UnknownRulesetException("unknown scheme '" + id.scheme() + "'; loaded schemes: "
                    + String.join(", ", byScheme.keySet()));
        }
        if (id.pinned()) {
            CompiledRuleset pinned = versions.stream().filter(r -> r.metadata.version().equals(id.version()))
                    .findFirst()
                    .orElseThrow(() -> new UnknownRulesetException("unknown version '" + id.version()
                            + "' of scheme '" + id.scheme() + "'; versions: " + versions.stream()
                            .map(r -> r.metadata.version()).collect(Collectors.joining(", "))));
            if (!whatIf && !pinned.info.inForceOn(date)) {
                String inForce = versions.stream().filter(r -> r.info.inForceOn(date)).findFirst()
                        .map(r -> "the version in force then is " + r.info.id())
                        .orElse("no version of '" + id.scheme() + "' is in force then");
                throw new PinnedVersionNotInForceException(notInForce(pinned, date) + "; " + inForce
                        + ". To compute under " + pinned.info.id() + " anyway, ask for a what-if (whatIf: true, "
                        + "--what-if)");
            }
            return pinned.decidingOn(date);
        }
        for (CompiledRuleset r : versions) {   // a loop, not a stream: every claim comes through here
            if (r.info.inForceOn(date)) {
                return r.decidingOn(date);
            }
        }
        throw new NoVersionInForceException("claim date " + date + " is outside every version of '" + id.scheme()
                + "': " + versions.stream().map(r -> r.metadata.version() + " (" + dates(r) + ")")
                .collect(Collectors.joining(", ")));
    }

    private static String dates(CompiledRuleset r) {
        return r.info.effectiveFrom() + ".." + (r.info.effectiveTo() == null ? "" : r.info.effectiveTo());
    }

    private static String notInForce(CompiledRuleset r, LocalDate date) {
        return "pinned version " + r.info.id() + " (" + dates(r) + ") is not in force on the claim date " + date;
    }

    @Override
    public Decision evaluate(EvaluationRequest request) {
        Prepared p = prepare(0, 0, 0, request, rulesetFor(request));
        run(p.ruleset, List.of(p));
        return p.decision();
    }

    /** The version that decides a request, compiled: a refused version fails here, before any fact is built. */
    private CompiledRuleset rulesetFor(EvaluationRequest request) {
        if (request == null) {
            throw new InvalidInputException("request", "is null");
        }
        CompiledRuleset ruleset = find(rulesetId(request.ruleset()), request.claim().claimDate(),
                request.whatIf());
        ruleset.rules();
        return ruleset;
    }

    /** A ruleset reference as last parsed, with its text: a population names the same ruleset claim after claim. */
    private record ParsedId(String text, RulesetId id) {
    }

    /** Null until a reference parses; only references that parse are kept. */
    private volatile ParsedId lastParsed;

    /** {@link RulesetId#parse}, once per run of requests naming the same ruleset. */
    private RulesetId rulesetId(String text) {
        ParsedId last = lastParsed;
        if (last != null && last.text().equals(text)) {
            return last.id();
        }
        RulesetId id = RulesetId.parse(text);
        lastParsed = new ParsedId(text, id);
        return id;
    }

    @Override
    public List<EvaluationResult> evaluateAll(List<EvaluationRequest> requests) {
        List<EvaluationResult> results = new ArrayList<>(requests.size());
        evaluateAll(requests.iterator(), results::add);
        return Collections.unmodifiableList(results);
    }

    /**
     * Windows of {@link #windowSize} requests: each is grouped by ruleset and cut into sessions of {@link #batchSize}
     * claims. On one thread, a window is read, decided and handed over before the next is read. On more, the calling
     * thread reads (and the caller's iterator parses) the next window while the workers decide the current one, then
     * hands the current one over in order: at most two windows are held at once, and the workers wait at a window
     * boundary only while the caller hands results over (3% of their time in a JFR recording). Results do not depend
     * on the threads: a claim in a session decides as it would alone.
     */
    @Override
    public void evaluateAll(Iterator<? extends EvaluationRequest> requests,
                            Consumer<? super EvaluationResult> results) {
        Objects.requireNonNull(requests, "requests");
        Objects.requireNonNull(results, "results");
        if (!requests.hasNext()) {
            return;
        }
        Window current = read(requests, 0);
        if (parallelism == 1 || (current.sessions.size() <= 1 && !requests.hasNext())) {
            while (current != null) {
                current.sessions.forEach(Session::decide);
                current.handOver(results);
                current = requests.hasNext() ? read(requests, current.end()) : null;
            }
            return;
        }
        ExecutorService workers = Executors.newFixedThreadPool(parallelism, WORKER_THREADS);
        try {
            List<Future<?>> running = current.submit(workers);
            while (current != null) {
                Window next = requests.hasNext() ? read(requests, current.end()) : null;
                List<Future<?>> queued = next == null ? null : next.submit(workers);
                await(running);
                current.handOver(results);
                current = next;
                running = queued;
            }
        } finally {
            workers.shutdownNow();
        }
    }

    /** Worker threads live only while an evaluateAll call runs; daemons, so that a stuck one never holds the JVM. */
    private static final java.util.concurrent.ThreadFactory WORKER_THREADS = new java.util.concurrent.ThreadFactory() {
        private final java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "huzhu-evaluate-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    };

    private static void await(List<Future<?>> futures) {
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                // Claims' own failures are results; what arrives here is a bug or an Error, thrown as is.
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw (java.util.concurrent.CancellationException) new java.util.concurrent.CancellationException(
                        "evaluateAll was interrupted").initCause(e);
            }
        }
    }

    /** Reads the next window: its requests, the errors found before any rule runs, and its sessions by ruleset. */
    private Window read(Iterator<? extends EvaluationRequest> requests, long start) {
        Window w = new Window(start, windowSize);
        Map<CompiledRuleset, List<Integer>> groups = new LinkedHashMap<>();
        while (w.requests.size() < windowSize && requests.hasNext()) {
            EvaluationRequest r = requests.next();
            int position = w.requests.size();
            w.requests.add(r);
            try {
                groups.computeIfAbsent(rulesetFor(r), k -> new ArrayList<>()).add(position);
            } catch (HuzhuException e) {
                w.results[position] = new EvaluationResult(start + position, claimId(r), null, EvaluationError.of(e));
            }
        }
        groups.forEach((ruleset, positions) -> {
            for (int from = 0; from < positions.size(); from += batchSize) {
                w.sessions.add(new Session(w, ruleset, positions.subList(from, Math.min(positions.size(),
                        from + batchSize))));
            }
        });
        return w;
    }

    /** Consecutive requests of a stream, decided together. */
    private static final class Window {
        final long start;
        final List<EvaluationRequest> requests;
        final EvaluationResult[] results;
        final List<Session> sessions = new ArrayList<>();

        Window(long start, int size) {
            this.start = start;
            this.requests = new ArrayList<>(size);
            this.results = new EvaluationResult[size];
        }

        long end() {
            return start + requests.size();
        }

        List<Future<?>> submit(ExecutorService workers) {
            List<Future<?>> futures = new ArrayList<>(sessions.size());
            sessions.forEach(s -> futures.add(workers.submit(s::decide)));
            return futures;
        }

        void handOver(Consumer<? super EvaluationResult> consumer) {
            for (int i = 0; i < requests.size(); i++) {
                consumer.accept(results[i]);
                results[i] = null;
            }
        }
    }

    /** Claims of one window and one ruleset, decided in one rule session; each result goes to its window slot. */
    private final class Session {
        final Window window;
        final CompiledRuleset ruleset;
        final List<Integer> positions;

        Session(Window window, CompiledRuleset ruleset, List<Integer> positions) {
            this.window = window;
            this.ruleset = ruleset;
            this.positions = positions;
        }

        void decide() {
            List<Prepared> prepared = new ArrayList<>(positions.size());
            for (int i = 0; i < positions.size(); i++) {
                int position = positions.get(i);
                EvaluationRequest r = window.requests.get(position);
                try {
                    prepared.add(prepare(i, position, window.start + position, r, ruleset));
                } catch (HuzhuException e) {
                    window.results[position] = failed(position, e);
                }
            }
            try {
                run(ruleset, prepared);
            } catch (EvaluationException e) {
                // Isolate the claim that failed: re-run the session one claim at a time.
                for (Prepared p : prepared) {
                    Prepared fresh = prepare(0, p.position, p.index, p.request, ruleset);
                    try {
                        run(ruleset, List.of(fresh));
                        window.results[p.position] = decided(fresh);
                    } catch (EvaluationException single) {
                        window.results[p.position] = failed(p.position, single);
                    }
                }
                return;
            }
            for (Prepared p : prepared) {
                window.results[p.position] = decided(p);
            }
        }

        private EvaluationResult decided(Prepared p) {
            return new EvaluationResult(p.index, claimId(p.request), p.decision(), null);
        }

        private EvaluationResult failed(int position, HuzhuException e) {
            EvaluationRequest r = window.requests.get(position);
            return new EvaluationResult(window.start + position, claimId(r), null, EvaluationError.of(e));
        }
    }

    /** Rule sessions this engine has created for a ruleset so far, 0 if it evaluated none (for tests). */
    long sessionsCreated(String rulesetId) {
        return runtimes.entrySet().stream().filter(e -> e.getKey().info.id().equals(rulesetId))
                .mapToLong(e -> e.getValue().sessions.created()).sum();
    }

    private RulesetRuntime runtime(CompiledRuleset ruleset) {
        RulesetRuntime r = runtimes.get(ruleset);
        return r != null ? r : runtimes.computeIfAbsent(ruleset, c -> new RulesetRuntime(c, MAX_IDLE_SESSIONS));
    }

    private static String claimId(EvaluationRequest r) {
        return r == null || r.claim() == null ? null : r.claim().id();
    }

    /** One claim made ready: its ruleset, its context fact and its stay facts. */
    private static final class Prepared {
        /** Its place in its window. */
        final int position;
        /** Its place in the stream. */
        final long index;
        final EvaluationRequest request;
        final CompiledRuleset ruleset;
        final ClaimState context;
        final List<Stay> stays;
        final boolean runRules;
        final List<Warning> warnings;
        final boolean whatIf;

        Prepared(int position, long index, EvaluationRequest request, CompiledRuleset ruleset, ClaimState context,
                 List<Stay> stays, boolean runRules, List<Warning> warnings, boolean whatIf) {
            this.position = position;
            this.index = index;
            this.request = request;
            this.ruleset = ruleset;
            this.context = context;
            this.stays = stays;
            this.runRules = runRules;
            this.warnings = warnings;
            this.whatIf = whatIf;
        }

        Decision decision() {
            List<Warning> allWarnings = context.warnings();
            if (!warnings.isEmpty()) {
                allWarnings = new ArrayList<>(warnings);
                allWarnings.addAll(context.warnings());
            }
            return new Decision(context.getClaim().id(), ruleset.metadata.scheme(), ruleset.metadata.version(),
                    ruleset.reformName(), ruleset.contentHash, whatIf, context.getCoveragePeriod(), context.benefits(),
                    context.rejections(), context.reviewFlags(), allWarnings,
                    context.rulesFired());
        }
    }

    /**
     * The facts of one claim for {@code ruleset}, the version {@link #rulesetFor} found for it. {@code key}, its facts'
     * key, is its place in its session (unique there, and small: Drools boxes the join key on every join, and
     * {@code Integer.valueOf} allocates above 127, so a window's positions, up to 2,047, would box almost always).
     */
    private Prepared prepare(int key, int position, long index, EvaluationRequest request, CompiledRuleset ruleset) {
        Claim claim = request.claim();
        List<Warning> warnings = List.of();
        if (!ruleset.info.inForceOn(claim.claimDate())) {
            // Only a what-if gets here (find refuses otherwise): say so on the decision itself.
            warnings = List.of(new Warning(ReasonCode.PINNED_VERSION_NOT_IN_FORCE, null, null,
                    org.huzhu.api.Message.of("engine.pinnedNotInForce", new org.huzhu.api.Value.Text(ruleset.info.id()),
                            new org.huzhu.api.Value.Text(dates(ruleset)), new org.huzhu.api.Value.Date(claim.claimDate())),
                    null));
        }
        checkHistoryKinds(request.history(), ruleset);
        String scheme = ruleset.metadata.scheme();
        Enrolment enrolment = claim.member().enrolmentCovering(scheme, claim.claimDate()).orElse(null);
        CoveragePeriod period = enrolment != null ? enrolment.coveragePeriod()
                : ruleset.metadata.coverage().yearContaining(claim.claimDate());
        BenefitHistory history = request.history();
        ClaimState context = new ClaimState(key, claim, history, period, enrolment != null,
                ruleset.parameters, ruleset.rounding, runtime(ruleset).declaredKinds);
        boolean runRules = true;
        if (enrolment == null && ruleset.metadata.coverage().requiresEnrolment()) {
            context.rejectClaim(ReasonCode.NOT_ENROLLED, org.huzhu.api.Message.of("engine.notEnrolled",
                    new org.huzhu.api.Value.Text(claim.member().id()), new org.huzhu.api.Value.Text(scheme),
                    new org.huzhu.api.Value.Date(claim.claimDate())));
            runRules = false;
        }
        List<Stay> stays = new ArrayList<>();
        int n = 0;
        for (HospitalStay s : claim.stays()) {
            n++;
            stays.add(new Stay(key, s.id() != null ? s.id() : "stay " + n, n, s, false,
                    period.contains(s.admissionDate())));
        }
        n = 0;
        for (HospitalStay s : history.earlierStays()) {
            n++;
            stays.add(new Stay(key, s.id() != null ? s.id() : "earlier stay " + n, n, s, true,
                    period.contains(s.admissionDate())));
        }
        return new Prepared(position, index, request, ruleset, context, stays, runRules, warnings, request.whatIf());
    }

    /**
     * Every history payment must be of a kind the ruleset declares or reads: a misspelt kind would otherwise be
     * ignored by every rule, and an amount already paid would be paid again.
     */
    private static void checkHistoryKinds(BenefitHistory history, CompiledRuleset ruleset) {
        List<PriorPayment> payments = history.payments();
        for (int i = 0; i < payments.size(); i++) {
            String kind = payments.get(i).kind();
            if (!ruleset.metadata.benefits().containsKey(kind) && !ruleset.metadata.historyKinds().containsKey(kind)) {
                String known = String.join(", ", ruleset.metadata.benefits().keySet());
                if (!ruleset.metadata.historyKinds().isEmpty()) {
                    known += "; read from other schemes: " + String.join(", ", ruleset.metadata.historyKinds()
                            .keySet());
                }
                throw new InvalidInputException("history.payments[" + i + "].kind", "'" + kind
                        + "' is not a benefit kind " + ruleset.info.id() + " knows (" + known + ")");
            }
        }
    }

    private void run(CompiledRuleset ruleset, List<Prepared> claims) {
        List<Prepared> active = new ArrayList<>(claims.size());
        for (Prepared p : claims) {
            if (p.runRules) {
                active.add(p);
            }
        }
        if (active.isEmpty()) {
            return;
        }
        String claim = active.size() == 1 ? active.get(0).context.getClaim().id() : "(batch)";
        // Each claim has its own firing cap: a cap shared by the batch would let a claim that overruns its own cap
        // be decided in a batch of quieter claims, yet fail alone. Kept by the claims' keys, their places in the
        // session.
        int keys = 0;
        for (Prepared p : active) {
            keys = Math.max(keys, p.context.getKey() + 1);
        }
        Firings firings = new Firings(keys);
        for (Prepared p : active) {
            firings.add(p.context, (long) maxFiringsPerFact * (1 + p.stays.size()));
        }
        long deadline = System.nanoTime() + timeLimitPerClaim.toNanos() * active.size();
        RulesetRuntime runtime = runtime(ruleset);
        RuleSessions pool = runtime.sessions;
        KieSession session = pool.take();
        Watch watch = new Watch(runtime, firings, deadline);
        boolean completed = false;
        try {
            session.addEventListener(watch);
            for (Prepared p : active) {
                session.insert(p.context);
                for (Stay s : p.stays) {
                    session.insert(s);
                }
            }
            // Stages: only the engine adds facts, and only between stages, each claim's from its own state; so a
            // claim in a batch sees what it would see alone.
            // A stage without rules is not fired, and a fact no rule matches is not inserted (it would reach no
            // rule); each claim's firing cap still grows by the facts it has, so caps are the same either way.
            fire(session, Stage.COUNT, watch, runtime, ruleset, claim);
            for (Prepared p : active) {
                for (org.huzhu.api.ruleset.Base b : p.context.bases()) {
                    if (runtime.matchesBases) {
                        session.insert(b);
                    }
                    firings.cap[b.getKey()] += maxFiringsPerFact;
                }
            }
            fire(session, Stage.GRANT, watch, runtime, ruleset, claim);
            if (runtime.stagesWithRules.contains(Stage.ADJUST)) {
                for (Prepared p : active) {
                    for (org.huzhu.api.ruleset.Granted g : p.context.granted()) {
                        if (runtime.matchesGranted) {
                            session.insert(g);
                        }
                        firings.cap[g.getKey()] += maxFiringsPerFact;
                    }
                }
                fire(session, Stage.ADJUST, watch, runtime, ruleset, claim);
            }
            completed = true;
        } finally {
            if (completed) {
                pool.giveBack(session);
            } else {
                pool.discard(session);
            }
        }
    }

    /**
     * Fires one stage's rules (its agenda group) until none is left. The firing caps and the deadline run across
     * the stages: a claim over its cap or its time in any stage fails, and no later stage runs.
     */
    private static void fire(KieSession session, Stage stage, Watch watch, RulesetRuntime runtime,
                             CompiledRuleset ruleset, String claim) {
        if (!runtime.stagesWithRules.contains(stage)) {
            return;
        }
        org.kie.api.runtime.rule.AgendaGroup group = session.getAgenda().getAgendaGroup(stage.agendaGroup());
        if (group != null) {
            // Null only in a knowledge base without stage groups: rules the first layer did not check, all in MAIN,
            // which fires with the first stage.
            group.setFocus();
        }
        try {
            session.fireAllRules();
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // No error from rule code reaches the caller as anything but this claim's failure.
            throw new EvaluationException("ruleset " + ruleset.info.id() + " failed on claim " + claim
                    + (watch.rule == null ? "" : " in rule \"" + watch.rule + "\"") + ": " + rootMessage(e), e);
        }
        if (watch.stopped != null) {
            throw new EvaluationException("ruleset " + ruleset.info.id() + " " + watch.stopped + " on claim "
                    + claim + (watch.rule == null ? "" : " (in rule \"" + watch.rule + "\")"));
        }
    }

    /** The claims of one session by key, with the rule firings each has had and may have. */
    private static final class Firings {
        final ClaimState[] claims;
        final long[] fired;
        final long[] cap;

        Firings(int keys) {
            claims = new ClaimState[keys];
            fired = new long[keys];
            cap = new long[keys];
        }

        void add(ClaimState claim, long firingCap) {
            claims[claim.getKey()] = claim;
            cap[claim.getKey()] = firingCap;
        }

        /** The key of this session's claim, or -1 if the object is none of them. */
        int keyOf(Object o) {
            if (o instanceof ClaimState c) {
                int key = c.getKey();
                return key >= 0 && key < claims.length && claims[key] == c ? key : -1;
            }
            return -1;
        }
    }

    /**
     * Marks each firing on its claim's context, and stops the session between firings when the claims have used up
     * their firings or their time. A consequence cannot be interrupted while it runs; the grammar keeps each short.
     */
    private final class Watch extends DefaultAgendaEventListener {
        private final RulesetRuntime runtime;
        private final Firings firings;
        private final long deadline;
        String rule;
        String stopped;
        /** The claim whose rule is firing: rules fire one at a time, each between its before and after events. */
        private ClaimState firing;

        Watch(RulesetRuntime runtime, Firings firings, long deadline) {
            this.runtime = runtime;
            this.firings = firings;
            this.deadline = deadline;
        }

        @Override
        public void beforeMatchFired(BeforeMatchFiredEvent event) {
            org.drools.core.rule.consequence.InternalMatch match =
                    (org.drools.core.rule.consequence.InternalMatch) event.getMatch();
            rule = match.getRule().getName();
            // Every rule starts by matching its claim (the sandbox checks it), so the claim is the match's first
            // fact, read without building the list of all of them; a rule the first layer did not check may match
            // it later.
            org.kie.api.runtime.rule.FactHandle first = match.getTuple().get(0);
            int key = first == null ? -1
                    : firings.keyOf(((org.drools.core.common.InternalFactHandle) first).getObject());
            if (key < 0) {
                for (Object o : match.getObjects()) {
                    key = firings.keyOf(o);
                    if (key >= 0) {
                        break;
                    }
                }
            }
            ClaimState claim = key < 0 ? null : firings.claims[key];
            if (claim == null) {
                // A match without one of this session's claims is not ours.
                stopped = "fired a rule that matched no claim";
                event.getKieRuntime().halt();
            } else if (++firings.fired[key] > firings.cap[key]) {
                stopped = "kept firing: stopped after " + firings.cap[key] + " rule firings for claim "
                        + claim.getClaim().id() + " (" + maxFiringsPerFact + " per claim and stay)";
                event.getKieRuntime().halt();
            } else if (System.nanoTime() - deadline > 0) {
                stopped = "ran past its time limit of " + timeLimitPerClaim.toMillis() + " ms per claim";
                event.getKieRuntime().halt();
            }
            firing = claim;
            if (claim != null) {
                RulesetRuntime.FiringRule r = runtime.rule(rule);
                claim.beginRule(rule, r.clause(), r.conditionUses());
            }
        }

        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            if (firing != null) {
                firing.endRule();
                firing = null;
            }
        }
    }

    private static String rootMessage(Throwable e) {
        String message = e instanceof Error ? e.getClass().getSimpleName() + ": " + e.getMessage() : e.getMessage();
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c == e ? message : message + " — caused by " + c;
    }

    /** Builds engines: the bundled rulesets plus any folders given. */
    static final class Builder implements SubsidyEngine.Builder {
        private final List<Path> folders = new ArrayList<>();
        private final List<Path> reforms = new ArrayList<>();
        private boolean classpath = true;
        private int maxFirings = 1_000;
        private java.time.Duration timeLimit = java.time.Duration.ofSeconds(2);
        private int batch = 256;
        private int parallelism = Runtime.getRuntime().availableProcessors();
        private boolean compileAtBuild;
        private SandboxLayers layers = SandboxLayers.BOTH;
        private Consumer<RulesetException> onRulesetError;

        @Override
        public Builder addRulesetFolder(Path folder) {
            folders.add(folder);
            return this;
        }

        @Override
        public Builder reform(Path reformFile) {
            reforms.add(reformFile);
            return this;
        }

        @Override
        public Builder classpathRulesets(boolean load) {
            classpath = load;
            return this;
        }

        @Override
        public Builder maxFiringsPerFact(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxFiringsPerFact must be positive");
            }
            maxFirings = max;
            return this;
        }

        @Override
        public Builder timeLimitPerClaim(java.time.Duration limit) {
            if (limit.isNegative() || limit.isZero()) {
                throw new IllegalArgumentException("timeLimitPerClaim must be positive");
            }
            timeLimit = limit;
            return this;
        }

        @Override
        public Builder batchSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("batchSize must be positive");
            }
            batch = size;
            return this;
        }

        @Override
        public Builder parallelism(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("parallelism must be positive");
            }
            parallelism = threads;
            return this;
        }

        @Override
        public Builder compileAtBuild(boolean eager) {
            compileAtBuild = eager;
            return this;
        }

        @Override
        public Builder onRulesetError(Consumer<RulesetException> handler) {
            onRulesetError = handler;
            return this;
        }

        /** Switches sandbox layers off: for tests that show what each layer refuses alone. */
        Builder sandboxLayers(SandboxLayers sandboxLayers) {
            layers = sandboxLayers;
            return this;
        }

        @Override
        public SubsidyEngine build() {
            // Errors are collected while rulesets compile in parallel, then taken in order of location: without a
            // handler the first ends the build, with one each is handed over and its ruleset left out.
            List<RulesetException> errors = Collections.synchronizedList(new ArrayList<>());
            Consumer<RulesetException> collect = errors::add;
            List<RulesetSource> sources = new ArrayList<>();
            if (classpath) {
                sources.addAll(RulesetSource.fromClasspath(Thread.currentThread().getContextClassLoader() != null
                        ? Thread.currentThread().getContextClassLoader() : Builder.class.getClassLoader(), collect));
            }
            // A folder version may extend a bundled one (a draft on top of the published terms); a base in its
            // own folder tree comes first.
            Map<String, RulesetSource> bundled = RulesetSource.byId(sources);
            for (Path f : folders) {
                sources.addAll(RulesetSource.fromFolder(f, collect, bundled));
            }
            // A reform extends the version it names among those loaded (a folder's in place of a bundled one).
            Map<String, RulesetSource> loaded = RulesetSource.byId(sources);
            for (Path f : reforms) {
                try {
                    sources.add(reformSource(ReformFile.read(f), loaded));
                } catch (RulesetException e) {
                    collect.accept(e);
                }
            }
            List<CompiledRuleset> compiled = sources.parallelStream().map(s -> {
                try {
                    return loadOne(s);
                } catch (RulesetException e) {
                    collect.accept(e);
                    return null;
                }
            }).filter(Objects::nonNull).toList();
            DroolsSubsidyEngine engine = new DroolsSubsidyEngine(compiled, maxFirings, timeLimit, batch, parallelism,
                    collect);
            // Every ruleset has been tried, so the order of the errors does not depend on the thread pool.
            List<RulesetException> sorted = errors.stream().sorted(Comparator.comparing(RulesetException::location))
                    .toList();
            if (onRulesetError == null && !sorted.isEmpty()) {
                throw sorted.get(0);
            }
            sorted.forEach(e -> onRulesetError.accept(e));
            return engine;
        }

        private static RulesetSource reformSource(ReformFile reform, Map<String, RulesetSource> loaded) {
            RulesetSource base = loaded.get(reform.base());
            if (base == null) {
                String scheme = reform.base().substring(0, reform.base().indexOf('@'));
                List<String> versions = loaded.keySet().stream().filter(id -> id.startsWith(scheme + "@")).toList();
                throw new RulesetException(reform.at("/base"), "base: " + reform.base() + " is not a loaded ruleset "
                        + "version (" + (versions.isEmpty() ? "no scheme '" + scheme + "'" : "versions of " + scheme
                        + ": " + String.join(", ", versions)) + ")");
            }
            return reform.source(base);
        }

        /**
         * Loads one ruleset, and compiles it if asked to at build; whatever goes wrong becomes a
         * {@link RulesetException} naming it.
         */
        private CompiledRuleset loadOne(RulesetSource s) {
            CompiledRuleset loaded;
            try {
                loaded = CompiledRuleset.load(s, layers);
            } catch (HuzhuException e) {
                throw e instanceof RulesetException r ? r : new RulesetException(s.origin(), e.getMessage(), e);
            } catch (StackOverflowError e) {
                throw new RulesetException(s.origin(), "is nested too deeply to read (stack overflow)");
            } catch (RuntimeException e) {
                throw new RulesetException(s.origin(), "cannot be loaded: " + e, e);
            }
            // A reform is compiled at build whatever the switch: it is one file an analyst just wrote, and its refusal
            // belongs to the build, not to the first claim of a simulation.
            if (compileAtBuild || s.reform() != null) {
                loaded.rules();
            }
            return loaded;
        }
    }

    /** Registered with ServiceLoader so that {@link SubsidyEngine#builder()} finds this implementation. */
    public static final class Provider implements SubsidyEngine.Provider {
        @Override
        public SubsidyEngine.Builder newBuilder() {
            return new Builder();
        }
    }
}
