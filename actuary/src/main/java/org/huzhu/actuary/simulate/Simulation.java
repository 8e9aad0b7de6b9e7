package org.huzhu.actuary.simulate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.huzhu.actuary.population.Population;
import org.huzhu.actuary.population.PopulationEntry;
import org.huzhu.api.AmountRange;
import org.huzhu.api.Benefit;
import org.huzhu.api.BenefitHistory;
import org.huzhu.api.BenefitKind;
import org.huzhu.api.Claim;
import org.huzhu.api.Decision;
import org.huzhu.api.EvaluationError;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.EvaluationResult;
import org.huzhu.api.HospitalStay;
import org.huzhu.api.HuzhuException;
import org.huzhu.api.PriorPayment;
import org.huzhu.api.RulesetId;
import org.huzhu.api.RulesetInfo;

/**
 * Evaluates every claim of a population under two scenarios, a baseline and a reform (or another version), carrying
 * each member's history forward separately under each: a claim's decided benefits become prior payments, and its
 * stays earlier stays, of the member's later claims, added to the history the claim's own row holds. So "already
 * paid this year" is the baseline's under the baseline and the reform's under the reform.
 *
 * <p><b>Input order.</b> Members are runs of consecutive claims with the same member id; member ids must ascend
 * ({@link String#compareTo}), and each member's claims must not go back in claim date: the order {@code huzhu
 * generate} writes, and what sorting by member id, then claim date, gives. A claim that breaks it (its member id
 * below the last member's, or its date before its member's previous claim) is an error entry ({@code INVALID_INPUT},
 * field {@code claim.member.id} or {@code claim.claimDate}) and carries nothing; checking it needs no memory. So is
 * a claim of another scheme than the scenarios' ({@code ruleset}); a claim's own version, if it names one, is not
 * used: each scenario names its version.
 *
 * <p><b>Parallel.</b> Members are independent: the reading thread cuts the population into chunks of whole members
 * (about {@code chunkClaims} claims), worker threads evaluate them, each member's claims in order (its k-th claims of
 * a chunk go to {@code evaluateAll} together, then its (k+1)-th), and the outcomes are handed over in input order on
 * the calling thread. At most {@code 2 × threads} chunks are in flight, so memory does not grow with the population.
 * The outcomes and the summary do not depend on the threads or the chunk size.
 *
 * <p><b>In parts.</b> A caller that brings its own parallelism (the Spark job: a partition per task, members never
 * split between partitions, each sorted by member id, then claim date) evaluates each part with {@link #evaluate} on
 * its own thread, adds the outcomes to a {@link #tally()} per part, {@link SummaryTally#merge merges} the tallies and
 * makes the {@link #summary} of the whole: the same figures as {@link #run} over the parts one after another.
 */
public final class Simulation {
    /** Claims per chunk of whole members, by default. */
    public static final int DEFAULT_CHUNK_CLAIMS = 1024;

    private final Scenario baseline;
    private final Scenario reform;
    private final int threads;
    private final int chunkClaims;
    private final String scheme;
    private final Map<String, BenefitKind> kinds;

    /**
     * @param threads     worker threads (1 evaluates on the calling thread)
     * @param chunkClaims claims per chunk, at least 1 (a chunk always holds whole members)
     * @throws IllegalArgumentException the scenarios are of different schemes, or an engine has not loaded its
     *                                  scenario's version
     */
    public Simulation(Scenario baseline, Scenario reform, int threads, int chunkClaims) {
        this.baseline = baseline;
        this.reform = reform;
        if (threads < 1 || chunkClaims < 1) {
            throw new IllegalArgumentException("threads and chunkClaims must be at least 1: " + threads + ", "
                    + chunkClaims);
        }
        this.threads = threads;
        this.chunkClaims = chunkClaims;
        if (!baseline.scheme().equals(reform.scheme())) {
            throw new IllegalArgumentException("the baseline " + baseline.ruleset() + " and " + reform.ruleset()
                    + " are versions of different schemes; a simulation compares versions of one scheme");
        }
        this.scheme = baseline.scheme();
        this.kinds = new LinkedHashMap<>();
        for (Scenario s : List.of(baseline, reform)) {
            RulesetInfo info = info(s);
            info.benefits().forEach(k -> kinds.putIfAbsent(k.kind(), k));
        }
    }

    /** On every available processor, in chunks of {@link #DEFAULT_CHUNK_CLAIMS}. */
    public Simulation(Scenario baseline, Scenario reform) {
        this(baseline, reform, Runtime.getRuntime().availableProcessors(), DEFAULT_CHUNK_CLAIMS);
    }

    private static RulesetInfo info(Scenario s) {
        List<RulesetInfo> loaded = s.engine().rulesets();
        return loaded.stream().filter(r -> r.id().equals(s.ruleset())).reduce((first, last) -> last)
                .orElseThrow(() -> new IllegalArgumentException(s.ruleset() + " is not loaded (loaded: "
                        + String.join(", ", loaded.stream().map(RulesetInfo::id).distinct().toList()) + ")"));
    }

    public Scenario baseline() {
        return baseline;
    }

    public Scenario reform() {
        return reform;
    }

    /** An empty tally of this simulation's scenarios, to add outcomes of a part of the population to. */
    public SummaryTally tally() {
        return new SummaryTally(baseline, reform);
    }

    /** The summary of a tally of this simulation's outcomes (of parts, merged). */
    public SimulationSummary summary(SummaryTally tally) {
        return tally.summary(kinds.values());
    }

    /**
     * The outcomes of a population's entries, or of a part of one holding whole members, evaluated on the calling
     * thread (whatever {@code threads} is) as the iterator is pulled: one chunk of whole members (about
     * {@code chunkClaims} claims) at a time, so memory does not grow with the part. The entries must be in the order
     * {@link #run} needs (member ids ascending, each member's claims not going back in date); an entry that breaks it
     * is an error outcome, as in {@link #run}.
     *
     * @return each chunk's outcomes: its entries' in input order, and its members'
     */
    public Iterator<ChunkOutcomes> evaluate(Iterator<PopulationEntry> entries) {
        ArrayDeque<Chunk> cut = new ArrayDeque<>();
        Grouping grouping = new Grouping(cut::add);
        return new Iterator<>() {
            private boolean finished;

            @Override
            public boolean hasNext() {
                while (cut.isEmpty() && !finished) {
                    if (entries.hasNext()) {
                        grouping.accept(entries.next());
                    } else {
                        grouping.finish();
                        finished = true;
                    }
                }
                return !cut.isEmpty();
            }

            @Override
            public ChunkOutcomes next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return Simulation.this.evaluate(cut.poll());
            }
        };
    }

    /**
     * Runs the simulation over a population, read to its end.
     *
     * @param outcomes given every entry's outcome, in input order, on the calling thread
     * @param progress given the number of entries handed over so far, after each chunk, on the calling thread
     * @return the summary of every outcome handed over
     */
    public SimulationSummary run(Population population, Consumer<ClaimOutcome> outcomes, LongConsumer progress) {
        SummaryTally tally = tally();
        Consumer<ChunkOutcomes> handOver = result -> {
            for (ClaimOutcome o : result.claims()) {
                outcomes.accept(o);
                tally.add(o);
            }
            result.members().forEach(tally::add);
            progress.accept(tally.claims());
        };
        ExecutorService pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, new Workers());
        try {
            ArrayDeque<Future<ChunkOutcomes>> inFlight = new ArrayDeque<>();
            Consumer<Chunk> submit = chunk -> {
                if (pool == null) {
                    handOver.accept(evaluate(chunk));
                    return;
                }
                inFlight.add(pool.submit(() -> evaluate(chunk)));
                while (inFlight.size() > 2 * threads) {
                    handOver.accept(await(inFlight.poll()));
                }
            };
            Grouping grouping = new Grouping(submit);
            while (population.hasNext()) {
                grouping.accept(population.next());
            }
            grouping.finish();
            while (!inFlight.isEmpty()) {
                handOver.accept(await(inFlight.poll()));
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        return summary(tally);
    }

    private static ChunkOutcomes await(Future<ChunkOutcomes> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a chunk of the simulation", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Daemon workers named for a thread dump. */
    private static final class Workers implements ThreadFactory {
        private final AtomicInteger n = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "huzhu-simulate-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }

    // ---- grouping, on the reading thread -------------------------------------------------------------------------

    /** One input entry in a chunk: a claim of a member, or an entry that is an error under both scenarios. */
    private static final class Item {
        final PopulationEntry entry;
        final String memberId;
        final EvaluationError inputError;
        ClaimOutcome.Side baseline;
        ClaimOutcome.Side reform;
        BaseBand band = BaseBand.NONE;

        Item(PopulationEntry entry, String memberId, EvaluationError inputError) {
            this.entry = entry;
            this.memberId = memberId;
            this.inputError = inputError;
        }

        Claim claim() {
            return entry.request().claim();
        }

        ClaimOutcome outcome() {
            if (inputError != null) {
                ClaimOutcome.Side failed = ClaimOutcome.Side.failed(inputError);
                return new ClaimOutcome(entry.index(), entry.where(), entry.claimId(), memberId, BaseBand.NONE, failed,
                        failed);
            }
            return new ClaimOutcome(entry.index(), entry.where(), entry.claimId(), memberId, band, baseline, reform);
        }
    }

    /** Whole members' claims, in input order, with the error entries among them. */
    private static final class Chunk {
        final List<Item> items = new ArrayList<>();
        final List<List<Item>> members = new ArrayList<>();
        int claims;
    }

    /** Cuts the entries into chunks of whole members, and makes the entries out of order errors. */
    private final class Grouping {
        private final Consumer<Chunk> submit;
        private Chunk chunk = new Chunk();
        private String lastMember;
        private LocalDate lastDate;
        private String lastClaim;

        Grouping(Consumer<Chunk> submit) {
            this.submit = submit;
        }

        void accept(PopulationEntry e) {
            if (e.failed()) {
                add(new Item(e, null, e.error()));
                return;
            }
            EvaluationRequest request = e.request();
            Claim claim = request.claim();
            String member = claim.member().id();
            String claimScheme = RulesetId.parse(request.ruleset()).scheme();
            if (!claimScheme.equals(scheme)) {
                add(new Item(e, member, new EvaluationError(EvaluationError.Code.INVALID_INPUT, "ruleset",
                        "ruleset: the claim is of " + claimScheme + ", but the simulation compares versions of "
                                + scheme)));
            } else if (member.equals(lastMember)) {
                if (claim.claimDate().isBefore(lastDate)) {
                    add(new Item(e, member, new EvaluationError(EvaluationError.Code.INVALID_INPUT,
                            "claim.claimDate", "claim.claimDate: " + claim.claimDate() + " is before "
                                    + lastDate + ", the date of the member's claim " + lastClaim + " above it: a "
                                    + "simulation needs each member's claims in date order (sort the population "
                                    + "by member id, then claim date)")));
                } else {
                    claimOf(e, member);
                }
            } else if (lastMember == null || member.compareTo(lastMember) > 0) {
                if (chunk.claims >= chunkClaims) {
                    submit.accept(chunk);
                    chunk = new Chunk();
                }
                chunk.members.add(new ArrayList<>());
                claimOf(e, member);
                lastMember = member;
            } else {
                add(new Item(e, member, new EvaluationError(EvaluationError.Code.INVALID_INPUT, "claim.member.id",
                        "claim.member.id: member " + member + " comes after member " + lastMember + ": a "
                                + "simulation needs the population sorted by member id, then claim date, so that "
                                + "each member's claims are together and in order (as huzhu generate writes it)")));
            }
        }

        private void claimOf(PopulationEntry e, String member) {
            Item item = new Item(e, member, null);
            add(item);
            chunk.members.get(chunk.members.size() - 1).add(item);
            chunk.claims++;
            lastDate = item.claim().claimDate();
            lastClaim = item.claim().id();
        }

        private void add(Item item) {
            chunk.items.add(item);
        }

        void finish() {
            if (!chunk.items.isEmpty()) {
                submit.accept(chunk);
            }
        }
    }

    // ---- evaluation, on a worker -----------------------------------------------------------------------------------

    /**
     * The outcomes of a chunk of whole members.
     *
     * @param claims  every entry's outcome, in input order, error entries included
     * @param members every member's outcome, in input order
     */
    public record ChunkOutcomes(List<ClaimOutcome> claims, List<MemberOutcome> members) {
    }

    /** What one scenario carries to a member's next claim: its decided payments and the stays claimed. */
    private static final class Carried {
        final List<PriorPayment> payments = new ArrayList<>();
        final List<HospitalStay> stays = new ArrayList<>();
    }

    private ChunkOutcomes evaluate(Chunk chunk) {
        int members = chunk.members.size();
        Carried[] underBaseline = new Carried[members];
        Carried[] underReform = new Carried[members];
        int longest = 0;
        for (int m = 0; m < members; m++) {
            underBaseline[m] = new Carried();
            underReform[m] = new Carried();
            longest = Math.max(longest, chunk.members.get(m).size());
        }
        for (int k = 0; k < longest; k++) {
            List<Item> round = new ArrayList<>();
            List<Integer> of = new ArrayList<>();
            for (int m = 0; m < members; m++) {
                List<Item> claims = chunk.members.get(m);
                if (k < claims.size()) {
                    round.add(claims.get(k));
                    of.add(m);
                }
            }
            evaluateRound(baseline, round, of, underBaseline, true);
            evaluateRound(reform, round, of, underReform, false);
        }
        List<ClaimOutcome> outcomes = new ArrayList<>(chunk.items.size());
        for (Item item : chunk.items) {
            outcomes.add(item.outcome());
        }
        List<MemberOutcome> memberOutcomes = new ArrayList<>(members);
        for (List<Item> claims : chunk.members) {
            BaseBand band = BaseBand.NONE;
            BigDecimal before = BigDecimal.ZERO;
            BigDecimal after = BigDecimal.ZERO;
            boolean compared = false;
            for (Item item : claims) {
                if (item.baseline.decided() && item.reform.decided()) {
                    compared = true;
                    before = before.add(item.baseline.payout());
                    after = after.add(item.reform.payout());
                    if (item.band.compareTo(band) > 0) {
                        band = item.band;
                    }
                }
            }
            memberOutcomes.add(new MemberOutcome(claims.get(0).memberId, band, before, after, compared));
        }
        return new ChunkOutcomes(outcomes, memberOutcomes);
    }

    /** The k-th claims of a chunk's members under one scenario, each with what the scenario carried to it. */
    private static void evaluateRound(Scenario scenario, List<Item> round, List<Integer> of, Carried[] carried,
            boolean isBaseline) {
        List<EvaluationRequest> requests = new ArrayList<>(round.size());
        List<Integer> asked = new ArrayList<>(round.size());
        for (int i = 0; i < round.size(); i++) {
            Item item = round.get(i);
            EvaluationRequest own = item.entry.request();
            try {
                requests.add(scenario.request(item.claim(), withCarried(own.history(), carried[of.get(i)])));
                asked.add(i);
            } catch (HuzhuException e) {
                // The carried history breaks a bound of the model (more than 10,000 payments or stays).
                set(item, ClaimOutcome.Side.failed(EvaluationError.of(e)), isBaseline);
            }
        }
        List<EvaluationResult> results = scenario.engine().evaluateAll(requests);
        for (int j = 0; j < results.size(); j++) {
            int i = asked.get(j);
            Item item = round.get(i);
            EvaluationResult r = results.get(j);
            if (r.failed()) {
                set(item, ClaimOutcome.Side.failed(r.error()), isBaseline);
                continue;
            }
            Decision d = r.decision();
            set(item, side(d), isBaseline);
            if (isBaseline) {
                item.band = BaseBand.of(d);
            }
            carry(item.claim(), d, carried[of.get(i)]);
        }
    }

    private static void set(Item item, ClaimOutcome.Side side, boolean isBaseline) {
        if (isBaseline) {
            item.baseline = side;
        } else {
            item.reform = side;
        }
    }

    private static ClaimOutcome.Side side(Decision d) {
        Map<String, BigDecimal> kinds = new LinkedHashMap<>();
        Map<String, AmountRange> ranges = new LinkedHashMap<>();
        for (Benefit b : d.benefits()) {
            if (b.amount() != null && b.amount().signum() > 0) {
                kinds.merge(b.kind(), b.amount(), BigDecimal::add);
            } else if (b.range() != null) {
                ranges.merge(b.kind(), b.range(), (x, y) -> new AmountRange(x.min().add(y.min()),
                        x.max().add(y.max())));
            }
        }
        return new ClaimOutcome.Side(d.total(), kinds, d.pendingRange(), ranges, d.rulesetHash(), null);
    }

    /**
     * What a decided claim leaves for the member's later claims under its scenario: a payment for each benefit
     * granted above 0 (a range under review at its minimum, as the committee's least award), dated on the claim
     * date and naming the claim's illness, if it has a diagnosis, for the once-per-illness rules; and its stays,
     * now already claimed. A claim that was not decided leaves nothing.
     */
    private static void carry(Claim claim, Decision d, Carried carried) {
        String illness = claim.diagnosis() == null ? null : claim.diagnosis().illnessCode();
        for (Benefit b : d.benefits()) {
            BigDecimal paid = b.amount() != null ? b.amount() : b.range().min();
            if (paid.signum() > 0) {
                carried.payments.add(new PriorPayment(b.kind(), claim.claimDate(), paid, illness));
            }
        }
        carried.stays.addAll(claim.stays());
    }

    /**
     * The claim's own history (what happened before the population's claims) with what the scenario carried: the
     * carried payments after its own, the carried stays after its own earlier stays but for those it already holds
     * (the same id, or the same setting, dates and amounts), which would otherwise count twice.
     */
    private static BenefitHistory withCarried(BenefitHistory own, Carried carried) {
        if (carried.payments.isEmpty() && carried.stays.isEmpty()) {
            return own;
        }
        List<PriorPayment> payments = new ArrayList<>(own.payments().size() + carried.payments.size());
        payments.addAll(own.payments());
        payments.addAll(carried.payments);
        List<HospitalStay> stays = new ArrayList<>(own.earlierStays().size() + carried.stays.size());
        stays.addAll(own.earlierStays());
        for (HospitalStay s : carried.stays) {
            if (own.earlierStays().stream().noneMatch(e -> sameStay(e, s))) {
                stays.add(s);
            }
        }
        return new BenefitHistory(payments, stays);
    }

    /** The engine's test of a stay claimed twice: the same id, or the same setting, dates and amounts. */
    private static boolean sameStay(HospitalStay a, HospitalStay b) {
        if (a.id() != null && !a.id().isBlank() && b.id() != null && a.id().strip().equals(b.id().strip())) {
            return true;
        }
        return a.setting() == b.setting() && a.admissionDate().equals(b.admissionDate())
                && a.dischargeDate().equals(b.dischargeDate()) && a.coPay().compareTo(b.coPay()) == 0
                && a.outOfPolicy().compareTo(b.outOfPolicy()) == 0;
    }
}
