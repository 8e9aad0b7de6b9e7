package org.huzhu.engine.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.huzhu.api.AccidentInjury;
import org.huzhu.api.AmountRange;
import org.huzhu.api.Benefit;
import org.huzhu.api.BenefitHistory;
import org.huzhu.api.Claim;
import org.huzhu.api.CoveragePeriod;
import org.huzhu.api.Death;
import org.huzhu.api.Diagnosis;
import org.huzhu.api.EvaluationException;
import org.huzhu.api.Exclusion;
import org.huzhu.api.FireLoss;
import org.huzhu.api.Member;
import org.huzhu.api.Message;
import org.huzhu.api.Value;
import org.huzhu.api.PriorPayment;
import org.huzhu.api.ReasonCode;
import org.huzhu.api.Rejection;
import org.huzhu.api.ReviewFlag;
import org.huzhu.api.Warning;
import org.huzhu.api.WorkInjury;
import org.huzhu.api.ruleset.ClaimContext;
import org.huzhu.api.ruleset.Figures;
import org.huzhu.api.ParameterUse;
import org.huzhu.api.ruleset.Parameter;
import org.huzhu.api.ruleset.Parameters;
import org.huzhu.api.ruleset.Rounding;
import org.huzhu.api.ruleset.Stay;
import org.huzhu.api.ruleset.Band;
import org.huzhu.api.ruleset.Base;
import org.huzhu.api.ruleset.Granted;

/**
 * The engine's side of a claim's {@link ClaimContext}: its state and recording. Rules see only the interface (the
 * sandbox allows its members, never this class's); the engine reads the outcomes through the methods below the
 * interface's.
 */
public final class ClaimState implements ClaimContext {

    /**
     * Explanation steps a claim may write in all, copies made by {@link #total} included: a rule firing once per
     * stay that copies every stay's working again and again would otherwise hold stays² steps. A claim with the
     * most stays allowed writes a few tens of thousands.
     */
    public static final int MAX_EXPLANATION_STEPS = 250_000;

    private final int key;
    private final Claim claim;
    private final BenefitHistory history;
    private final CoveragePeriod coveragePeriod;
    private final boolean enrolled;
    private final Parameters parameters;
    private final Rounding rounding;
    private final Set<String> declaredKinds;

    private final List<Benefit> benefits = new ArrayList<>();
    private final List<Rejection> rejections = new ArrayList<>();
    private final List<ReviewFlag> reviewFlags = new ArrayList<>();
    private final List<Warning> warnings = new ArrayList<>();
    private final List<String> rulesFired = new ArrayList<>();
    private final Map<String, List<Message>> countingSteps = new LinkedHashMap<>();
    private final Map<String, BigDecimal> counted = new LinkedHashMap<>();
    private final Map<String, Map<String, ParameterUse>> countingUsed = new LinkedHashMap<>();
    private final Map<String, BigDecimal> deducted = new LinkedHashMap<>();
    private final Map<String, List<Message>> deductionSteps = new LinkedHashMap<>();
    /** The benefits granted in the grant stage, as the engine inserted them for the adjust stage; null before. */
    private List<Granted> grantedFacts;
    /**
     * True while a rule's consequence runs. Conditions are evaluated outside consequences (a ClaimContext pattern's
     * when the claim is inserted), and the helpers they may call record nothing then: they are pure.
     */
    private boolean firing;

    private String rule;
    private int stepsWritten;
    private String clause;
    /** The working of the outcome the firing rule is computing; null until its first step (most outcomes have none). */
    private List<Message> steps;
    /**
     * The parameters that outcome used, its rule's conditions' first; null while they are all it used (made on the
     * first other read, so that a rule that reads nothing more costs no map).
     */
    private Map<String, ParameterUse> used;
    /**
     * The parameters the firing rule's conditions read: they decided everything the rule does, so each outcome
     * (and each count) of its consequence starts with them, not only the first.
     */
    private Map<String, ParameterUse> conditionUses = Map.of();

    public ClaimState(int key, Claim claim, BenefitHistory history, CoveragePeriod coveragePeriod,
                        boolean enrolled, Parameters parameters, Rounding rounding) {
        this(key, claim, history, coveragePeriod, enrolled, parameters, rounding, null);
    }

    /**
     * With {@code declaredKinds}, the benefit kinds the ruleset declares: granting, refusing or flagging any other
     * kind fails the claim (a misspelt kind must not become a benefit nobody pays or reads). Null checks nothing.
     */
    public ClaimState(int key, Claim claim, BenefitHistory history, CoveragePeriod coveragePeriod,
                        boolean enrolled, Parameters parameters, Rounding rounding, Set<String> declaredKinds) {
        this.declaredKinds = declaredKinds == null ? null : Set.copyOf(declaredKinds);
        this.key = key;
        this.claim = claim;
        this.history = history;
        this.coveragePeriod = coveragePeriod;
        this.enrolled = enrolled;
        this.parameters = parameters;
        this.rounding = rounding;
    }

    // ---- what the rules read -------------------------------------------------------------------------

    @Override
    public int getKey() {
        return key;
    }

    @Override
    public Claim getClaim() {
        return claim;
    }

    @Override
    public Member getMember() {
        return claim.member();
    }

    @Override
    public BenefitHistory getHistory() {
        return history;
    }

    /** The coverage period the claim date falls in (from the member's enrolment, or the scheme's year). */
    @Override
    public CoveragePeriod getCoveragePeriod() {
        return coveragePeriod;
    }

    /** The member holds an enrolment in this scheme covering the claim date. */
    @Override
    public boolean isEnrolled() {
        return enrolled;
    }

    /** The claim's diagnosis, or null. */
    @Override
    public Diagnosis getDiagnosis() {
        return claim.diagnosis();
    }

    /** The claim's work injury, or null. */
    @Override
    public WorkInjury getWorkInjury() {
        return claim.workInjury();
    }

    /** The member's death, or null. */
    @Override
    public Death getDeath() {
        return claim.death();
    }

    /** The claim's accidental injury, or null. */
    @Override
    public AccidentInjury getAccidentInjury() {
        return claim.accidentInjury();
    }

    /** The claim's fire loss, or null. */
    @Override
    public FireLoss getFireLoss() {
        return claim.fireLoss();
    }

    /** Whether the date falls in the claim's coverage period. */
    @Override
    public boolean inCoveragePeriod(LocalDate date) {
        return coveragePeriod != null && coveragePeriod.contains(date);
    }

    @Override
    public LocalDate getClaimDate() {
        return claim.claimDate();
    }

    @Override
    public boolean hasBirthDate() {
        return claim.member().birthDate() != null;
    }

    /** Age in whole years on the claim date; -1 if the birth date is unknown. */
    @Override
    public int getAge() {
        return claim.member().ageOn(claim.claimDate()).orElse(-1);
    }

    // ---- parameters ----------------------------------------------------------------------------------

    /** A money parameter, in yuan. */
    @Override
    public BigDecimal money(String name) {
        return number(name, "money");
    }

    /** A rate parameter, e.g. 0.34. */
    @Override
    public BigDecimal rate(String name) {
        return number(name, "rate");
    }

    /** An integer parameter, e.g. a number of days. */
    @Override
    public int integer(String name) {
        return number(name, "integer").intValueExact();
    }

    private BigDecimal number(String name, String type) {
        Parameter p = parameters.get(name, type);
        read(name);
        return p.number();
    }

    /**
     * Records a parameter value the firing rule's consequence used. Reads by conditions are not recorded here: the
     * sandbox found them at load, and the engine records them when the rule fires.
     */
    private void read(String name) {
        if (firing) {
            use(name, parameters.use(name));
        }
    }

    /** Whether {@code code} is in the codes parameter {@code name}. */
    @Override
    public boolean listed(String name, String code) {
        Parameter p = parameters.get(name, "codes");
        read(name);
        return code != null && p.codes().contains(code);
    }

    /** The first of the given exclusions listed in the codes parameter {@code name}, or null if none. */
    @Override
    public String exclusionIn(String name, Set<Exclusion> exclusions) {
        Parameter p = parameters.get(name, "codes");
        for (Exclusion e : exclusions) {
            if (p.codes().contains(e.name())) {
                read(name);
                return e.name();
            }
        }
        return null;
    }

    /** Whether any of the given exclusions is listed in the codes parameter {@code name}. */
    @Override
    public boolean excluded(String name, Set<Exclusion> exclusions) {
        return exclusionIn(name, exclusions) != null;
    }

    /** The amount for {@code key} in the table parameter {@code name}, or null if the table has no such key. */
    @Override
    public BigDecimal lookup(String name, String key) {
        Parameter p = parameters.get(name, "table");
        BigDecimal value = p.table().get(key);
        if (firing) {
            // One entry of the table: its amount (or none), with the table's provenance.
            ParameterUse table = parameters.use(name);
            use(name + "[" + key + "]", new ParameterUse(name, value == null ? "none" : value.toPlainString(),
                    table.provenance(), table.differsFromSource()));
        }
        if (value != null && firing) {
            step("engine.lookup", param(name), new Value.Text(key), money(value));
        }
        return value;
    }

    /**
     * The amount of the band {@code base} falls in, from the bands parameter {@code name} (a step table such
     * as Wujin's: the whole base picks one amount).
     */
    @Override
    public BigDecimal band(String name, BigDecimal base) {
        Parameter p = parameters.get(name, "bands");
        use(name, parameters.use(name));
        int i = bandIndex(p, base);
        if (i < 0) {
            step("engine.belowFirstBand", money(base), param(name));
            return BigDecimal.ZERO;
        }
        BigDecimal value = p.bands().get(i).value();
        step("engine.band", money(base), band(p, i), param(name), money(value));
        return value;
    }

    /**
     * The rate of the band {@code base} falls in, from the tiers parameter {@code name}, applied to the whole
     * base (Changchun: 152,000 × 8%).
     */
    @Override
    public BigDecimal wholeTier(String name, BigDecimal base) {
        Parameter p = parameters.get(name, "tiers");
        use(name, parameters.use(name));
        int i = bandIndex(p, base);
        if (i < 0) {
            step("engine.belowFirstTier", money(base), param(name));
            return BigDecimal.ZERO;
        }
        BigDecimal r = p.bands().get(i).value();
        BigDecimal result = bounded(base.multiply(r));
        step("engine.wholeTier", money(base), band(p, i), param(name), new Value.Rate(r), money(result));
        return result;
    }

    /**
     * Marginal tiers, like income-tax brackets: each slice of {@code base} is paid at its tier's rate from the
     * tiers parameter {@code name} (Quzhou: 5,000 × 40% + 5,000 × 45% + 4,000 × 50%).
     */
    @Override
    public BigDecimal marginal(String name, BigDecimal base) {
        Parameter p = parameters.get(name, "tiers");
        use(name, parameters.use(name));
        List<Band> bands = p.bands();
        BigDecimal total = BigDecimal.ZERO;
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < bands.size(); i++) {
            BigDecimal lo = bands.get(i).from();
            BigDecimal hi = i + 1 < bands.size() ? bands.get(i + 1).from() : null;
            if (base.compareTo(lo) <= 0) {
                break;
            }
            BigDecimal slice = (hi == null || base.compareTo(hi) < 0 ? base : hi).subtract(lo);
            BigDecimal pay = bounded(slice.multiply(bands.get(i).value()));
            total = total.add(pay);
            parts.add(Figures.money(slice) + " × " + Figures.rate(bands.get(i).value()));
            step("engine.tierSlice", band(p, i), money(slice), new Value.Rate(bands.get(i).value()), money(pay));
        }
        // The slices are figures and signs only, the same in every language.
        step("engine.marginal", param(name), money(base),
                new Value.Text(parts.isEmpty() ? "0" : String.join(" + ", parts)), money(total));
        return total;
    }

    private static int bandIndex(Parameter p, BigDecimal base) {
        int found = -1;
        for (int i = 0; i < p.bands().size(); i++) {
            int c = base.compareTo(p.bands().get(i).from());
            if (c > 0 || (c == 0 && p.lowerBoundInclusive())) {
                found = i;
            }
        }
        return found;
    }

    private static Value band(Parameter p, int i) {
        List<Band> bands = p.bands();
        return new Value.Band(bands.get(i).from(), i + 1 < bands.size() ? bands.get(i + 1).from() : null,
                p.lowerBoundInclusive());
    }

    private static Value money(BigDecimal amount) {
        return new Value.Money(amount);
    }

    /** A parameter or base named in a step: its display name where the ruleset's bundle gives one. */
    private static Value param(String name) {
        return new Value.Code("parameter", name);
    }

    // ---- arithmetic with steps ----------------------------------------------------------------------

    /** {@code amount × rate(rateName)}, written as a step: {@code what: 10,000.00 × 34% = 3,400.00}. */
    @Override
    public BigDecimal times(BigDecimal amount, String rateName, Message what) {
        BigDecimal r = rate(rateName);
        BigDecimal result = bounded(amount.multiply(r));
        step("engine.times", new Value.Nested(what), money(amount), new Value.Rate(r), money(result));
        return result;
    }

    /**
     * {@code amount × share}, where the share is a fraction between 0 and 1 given in the claim (a liability share),
     * written as a step: {@code what: 10,000.00 × 30% = 3,000.00}. Rules have no raw multiplication of money.
     */
    @Override
    public BigDecimal portion(BigDecimal amount, BigDecimal share, Message what) {
        if (share.signum() < 0 || share.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException(what.key() + ": a share must be between 0 and 1, was " + share.toPlainString());
        }
        BigDecimal result = bounded(amount.multiply(share));
        step("engine.times", new Value.Nested(what), money(amount), new Value.Rate(share), money(result));
        return result;
    }

    /** {@code amount × money(perUnitName) ÷ divisor}, e.g. 1,000 a month ÷ 30 days × 45 days. */
    @Override
    public BigDecimal perUnit(BigDecimal units, String perName, BigDecimal divisor,
                              Message what) {
        BigDecimal per = money(perName);
        BigDecimal result = per.multiply(units).divide(divisor, 10, RoundingMode.HALF_UP);
        if (divisor.compareTo(BigDecimal.ONE) == 0) {
            step("engine.perUnit", new Value.Nested(what), money(per), new Value.Text(units.toPlainString()),
                    money(result));
        } else {
            step("engine.perUnitDivided", new Value.Nested(what), money(per), new Value.Text(divisor.toPlainString()),
                    new Value.Text(units.toPlainString()), money(result));
        }
        return result;
    }

    /** The lesser of {@code amount} and the money parameter {@code capName}, with a step if it caps. */
    @Override
    public BigDecimal capped(BigDecimal amount, String capName) {
        return atMost(amount, money(capName), param(capName));
    }

    /** The lesser of {@code amount} and {@code cap}, with a step if it caps. */
    @Override
    public BigDecimal atMost(BigDecimal amount, BigDecimal cap, Message what) {
        return atMost(amount, cap, new Value.Nested(what));
    }

    private BigDecimal atMost(BigDecimal amount, BigDecimal cap, Value what) {
        if (amount.compareTo(cap) > 0) {
            step("engine.atMost", money(amount), what, money(cap));
            return cap;
        }
        return amount;
    }

    /** {@code amount − deduction}, never below 0, written as a step. */
    @Override
    public BigDecimal less(BigDecimal amount, BigDecimal deduction, Message what) {
        BigDecimal result = amount.subtract(deduction).max(BigDecimal.ZERO);
        if (deduction.signum() != 0) {
            step("engine.less", money(amount), new Value.Nested(what), money(deduction), money(result));
        }
        return result;
    }

    /**
     * Products keep at most {@value #SCALE} decimals: a rule that multiplies a result again and again must not grow
     * its digits without bound. Rounding to the ruleset's own scale happens when the amount is granted.
     */
    private static final int SCALE = 10;

    private static BigDecimal bounded(BigDecimal value) {
        return value.scale() > SCALE ? value.setScale(SCALE, RoundingMode.HALF_UP) : value;
    }

    @Override
    public Message msg(String key) {
        return Message.of(key);
    }

    /** Adds a step to the explanation of the firing rule. */
    @Override
    public void note(Message step) {
        written(1);
        addStep(step);
    }

    private void step(String key, Value... values) {
        written(1);
        addStep(Message.of(key, values));
    }

    private void addStep(Message step) {
        if (steps == null) {
            steps = new ArrayList<>(4);   // an outcome's working is a few steps
        }
        steps.add(step);
    }

    private void use(String key, ParameterUse use) {
        if (used == null) {
            used = new LinkedHashMap<>(conditionUses);
        }
        used.put(key, use);
    }

    /** The parameters the outcome being computed used so far. */
    private Map<String, ParameterUse> used() {
        return used == null ? conditionUses : used;
    }

    /** An outcome was recorded with its working: the next starts afresh, from its rule's conditions' parameters. */
    private void nextOutcome() {
        steps = null;
        used = null;
    }

    private void written(int n) {
        stepsWritten += n;
        if (stepsWritten > MAX_EXPLANATION_STEPS) {
            throw new IllegalStateException("the explanation of claim " + claim.id() + " passed "
                    + MAX_EXPLANATION_STEPS + " steps: the ruleset repeats its working without bound");
        }
    }

    // ---- cumulative bases ---------------------------------------------------------------------------

    /**
     * Counts {@code amount} of a stay toward the named base (e.g. a year's cumulative 个人自理), with how it
     * was counted. Every stay should be counted once per base, with 0 and the reason when it does not count.
     */
    @Override
    public void count(String base, Stay stay, BigDecimal amount, Message how) {
        counted.merge(base, amount, BigDecimal::add);
        Value label = new Value.StayRef(stay.getId(), stay.getNumber(), stay.isEarlier());
        String key = stay.isEarlier() ? "engine.countEarlier" : "engine.count";
        countingSteps.computeIfAbsent(base, b -> new ArrayList<>(4)).add(steps == null
                ? Message.of(key, label, new Value.Nested(how), money(amount))
                : Message.of(key + "Working", label, new Value.Nested(how), new Value.Steps(steps), money(amount)));
        countingUsed.computeIfAbsent(base, b -> new LinkedHashMap<>()).putAll(used());
        nextOutcome();
    }

    /**
     * Deducts {@code amount} from the named base, with what it is; a deduction of 0 records nothing. Deductions
     * never take the base below 0.
     */
    @Override
    public void deduct(String base, BigDecimal amount, Message what) {
        if (amount.signum() < 0) {
            throw new IllegalArgumentException(what.key() + ": a deduction cannot be negative, was " + amount.toPlainString());
        }
        if (amount.signum() == 0) {
            return;
        }
        deducted.merge(base, amount, BigDecimal::add);
        written(1);
        deductionSteps.computeIfAbsent(base, b -> new ArrayList<>()).add(steps == null
                ? Message.of("engine.deduct", new Value.Nested(what), money(amount))
                : Message.of("engine.deductWorking", new Value.Nested(what), new Value.Steps(steps), money(amount)));
        countingUsed.computeIfAbsent(base, b -> new LinkedHashMap<>()).putAll(used());
        nextOutcome();
    }

    /** The base's amount: what was counted, less what was deducted (deductions stop at 0). */
    private BigDecimal amountOf(String base) {
        BigDecimal sum = counted.getOrDefault(base, BigDecimal.ZERO);
        BigDecimal less = deducted.get(base);
        return less == null ? sum : sum.subtract(less).max(BigDecimal.ZERO);
    }

    /**
     * The total counted toward the named base, less its deductions; its counting steps join the firing rule's
     * explanation.
     */
    @Override
    public BigDecimal total(String base) {
        BigDecimal amount = amountOf(base);
        List<Message> counting = countingSteps.getOrDefault(base, List.of());
        List<Message> deductions = deductionSteps.getOrDefault(base, List.of());
        written(counting.size() + deductions.size());
        for (Message m : counting) {
            addStep(m);
        }
        for (Message m : deductions) {
            addStep(m);
        }
        countingUsed.getOrDefault(base, Map.of()).forEach(this::use);
        if (!deductions.isEmpty() && amount.signum() == 0) {
            step("engine.notAboveZero", money(counted.getOrDefault(base, BigDecimal.ZERO)),
                    money(deducted.get(base)));
        }
        step("engine.total", new Value.Code("base", base), money(amount));
        return amount;
    }

    /** The amount of a base the rule matched, with its counting steps, as {@link #total(String)}. */
    @Override
    public BigDecimal total(Base base) {
        if (base.getKey() != key) {
            // The sandbox joins every Base pattern to its claim; this is the engine's own guard.
            throw new IllegalStateException("rule '" + rule + "' read a base of another claim");
        }
        return total(base.getName());
    }

    /** The amount granted to this claim of this kind in the grant stage (its Granted facts), 0 if none. */
    @Override
    public BigDecimal granted(String kind) {
        declared(kind);
        if (grantedFacts == null) {
            throw new EvaluationException("rule '" + rule + "' reads what was granted before the adjust stage");
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (Granted g : grantedFacts) {
            if (g.getKind().equals(kind)) {
                if (g.isRange()) {
                    throw new EvaluationException("rule '" + rule + "' reads the amount granted of " + kind
                            + ", which was granted as a range: match its Granted fact and choose a bound");
                }
                sum = sum.add(g.getAmount());
            }
        }
        return sum;
    }

    // ---- history ------------------------------------------------------------------------------------

    /** What was already paid of this kind for events in the claim's coverage period. */
    @Override
    public BigDecimal paidInPeriod(String kind) {
        BigDecimal sum = BigDecimal.ZERO;
        for (PriorPayment p : history.payments()) {
            if (p.kind().equals(kind) && coveragePeriod != null && coveragePeriod.contains(p.date())) {
                sum = sum.add(p.amount());
            }
        }
        return sum;
    }

    /** What was already paid of this kind for events in the 12 months (or {@code months}) before the claim. */
    @Override
    public BigDecimal paidInMonthsBefore(String kind, int months) {
        BigDecimal sum = BigDecimal.ZERO;
        for (PriorPayment p : history.payments()) {
            if (p.kind().equals(kind) && inMonthsBefore(p.date(), months)) {
                sum = sum.add(p.amount());
            }
        }
        return sum;
    }

    /** Whether a benefit of this kind was ever paid (once-only benefits). */
    @Override
    public boolean paidBefore(String kind) {
        for (PriorPayment p : history.payments()) {
            if (p.kind().equals(kind)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a benefit of this kind was ever paid for this illness (once per illness). */
    @Override
    public boolean paidBeforeForIllness(String kind, String illnessCode) {
        for (PriorPayment p : history.payments()) {
            if (p.kind().equals(kind) && illnessCode != null && illnessCode.equals(p.illnessCode())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the stay was discharged within {@code months} months before the application date. */
    @Override
    public boolean withinMonthsBefore(Stay stay, int months) {
        return inMonthsBefore(stay.getDischargeDate(), months);
    }

    /** The look-back window: after the application date less {@code months}, up to the application date. */
    private boolean inMonthsBefore(LocalDate date, int months) {
        LocalDate end = claim.applicationDate();
        return date.isAfter(end.minusMonths(months)) && !date.isAfter(end);
    }

    // ---- outcomes -----------------------------------------------------------------------------------

    /**
     * Grants a benefit: rounds the amount as the ruleset declares, and records the firing rule, its clause,
     * the steps so far and the parameters used. A zero amount is recorded too, with its working.
     */
    @Override
    public void grant(String kind, BigDecimal amount) {
        declared(kind);
        BigDecimal rounded = rounding.apply(amount);
        if (rounded.compareTo(amount) != 0) {
            step("engine.rounded", money(amount), new Value.Text(Figures.money(rounded, rounding.scale())),
                    new Value.Nested(Message.of("engine.rounding." + rounding.mode().name(),
                            new Value.Count(rounding.scale()))));
        }
        flagFiguresThatDifferFromTheSource();
        benefits.add(new Benefit(kind, rounded, null, rule, clause, steps, used()));
        nextOutcome();
    }

    /**
     * Grants a range between two money parameters for a person to decide within, and flags it for review with
     * {@code reviewCode} (a {@link ReasonCode} name, e.g. {@code "AMOUNT_TO_BE_DECIDED"}) and its message.
     */
    @Override
    public void grantRange(String kind, String minName, String maxName,
                           String reviewCode, Message reviewMessage) {
        declared(kind);
        ReasonCode code = code(reviewCode);
        BigDecimal min = money(minName);
        BigDecimal max = money(maxName);
        step("engine.range", money(min), money(max));
        flagFiguresThatDifferFromTheSource();
        benefits.add(new Benefit(kind, null, new AmountRange(min, max), rule, clause, steps, used()));
        reviewFlags.add(new ReviewFlag(code, kind, null, reviewMessage, rule));
        nextOutcome();
    }

    /**
     * Grants a range between two computed amounts, rounded as the ruleset declares, and flags it for review; the
     * steps so far (how the bounds were reached) are its explanation.
     */
    @Override
    public void grantRange(String kind, BigDecimal min, BigDecimal max, String reviewCode, Message reviewMessage) {
        declared(kind);
        ReasonCode code = code(reviewCode);
        BigDecimal low = rounding.apply(min);
        BigDecimal high = rounding.apply(max);
        if (low.signum() < 0 || high.compareTo(low) < 0) {
            throw new EvaluationException("rule '" + rule + "' grants the range " + min.toPlainString() + ".."
                    + max.toPlainString() + " of " + kind + ": a range runs from 0 or more up to at least its minimum");
        }
        step("engine.range", new Value.Text(Figures.money(low, rounding.scale())),
                new Value.Text(Figures.money(high, rounding.scale())));
        benefits.add(new Benefit(kind, null, new AmountRange(low, high), rule, clause, steps, used()));
        reviewFlags.add(new ReviewFlag(code, kind, null, reviewMessage, rule));
        nextOutcome();
    }

    /**
     * Refuses a benefit kind (or, with a null kind, the whole claim): {@code code} is a {@link ReasonCode} name,
     * e.g. {@code "EXCLUDED_CAUSE"}; {@code message} is the reason a clerk reads.
     */
    @Override
    public void reject(String kind, String code, Message message) {
        rejections.add(new Rejection(code(code), declared(kind), null, message, rule, clause, used()));
    }

    /** Refuses a benefit kind because of one stay, e.g. an exclusion on that stay. */
    @Override
    public void reject(Stay stay, String kind, String code, Message message) {
        rejections.add(new Rejection(code(code), declared(kind), stay.getLabel(), message, rule, clause, used()));
    }

    /** Flags the decision for a person to review: {@code code} is a {@link ReasonCode} name. */
    @Override
    public void review(String kind, String code, Message message) {
        reviewFlags.add(new ReviewFlag(code(code), declared(kind), null, message, rule));
    }

    /** A warning that changes nothing but that a clerk should read; {@code kind} may be null. */
    @Override
    public void warn(String kind, String code, Message message) {
        warnings.add(new Warning(code(code), declared(kind), null, message, rule));
    }

    /** A warning about one stay, e.g. admitted outside the coverage period; {@code kind} may be null. */
    @Override
    public void warn(Stay stay, String kind, String code, Message message) {
        warnings.add(new Warning(code(code), declared(kind), stay.getLabel(), message, rule));
    }

    /**
     * A parameter used here whose value differs from the figure its source states (an override, a draft) is said
     * next to the clause, which still quotes the source's figure.
     */
    private void flagFiguresThatDifferFromTheSource() {
        Set<String> flagged = null;   // made only when a figure differs: almost never
        for (ParameterUse read : used().values()) {
            String name = read.name();
            ParameterUse u = parameters.use(name);
            if (u != null && u.differsFromSource()) {
                if (flagged == null) {
                    flagged = new java.util.HashSet<>();
                }
                if (flagged.add(name)) {   // a table read as name[key] is named once
                    step("engine.differs", param(name), new Value.Text(u.value()),
                            new Value.Text(String.valueOf(u.provenance().stated())));
                }
            }
        }
    }

    private ReasonCode code(String name) {
        try {
            return ReasonCode.of(name);
        } catch (IllegalArgumentException e) {
            throw new EvaluationException("rule '" + rule + "': " + e.getMessage());
        }
    }

    /** The kind, if null or declared; otherwise the claim fails naming the rule. */
    private String declared(String kind) {
        if (kind != null && declaredKinds != null && !declaredKinds.contains(kind)) {
            throw new EvaluationException("rule '" + rule + "' uses benefit kind '" + kind
                    + "', which the ruleset does not declare (benefits: " + String.join(", ",
                    new TreeSet<>(declaredKinds)) + ")");
        }
        return kind;
    }

    /** Whether any rejection of this kind (or of the whole claim) was recorded so far. */
    @Override
    public boolean rejected(String kind) {
        for (Rejection r : rejections) {
            if (r.kind() == null || r.kind().equals(kind)) {
                return true;
            }
        }
        return false;
    }

    // ---- for the engine ---------------------------------------------------------------------------------

    /** Called by the engine before a rule's consequence runs for this claim. */
    public void beginRule(String ruleName, String ruleClause) {
        beginRule(ruleName, ruleClause, Map.of());
    }

    /**
     * Called by the engine before a rule's consequence runs for this claim, with the uses of the parameters the
     * rule's conditions read, in order (made once per rule, not per firing; never modified here): they decided that
     * the rule fires, so they are recorded with its outcome first.
     */
    public void beginRule(String ruleName, String ruleClause, Map<String, ParameterUse> conditionUses) {
        this.rule = ruleName;
        this.clause = ruleClause;
        this.conditionUses = conditionUses;
        nextOutcome();
        rulesFired.add(ruleName);
        firing = true;
    }

    /** Called by the engine after a rule's consequence ran for this claim. */
    public void endRule() {
        firing = false;
    }

    /**
     * The bases counted in the count stage, as the facts the engine inserts for the grant stage: one per base
     * counted toward or deducted from, in the order first counted.
     */
    public List<Base> bases() {
        List<Base> bases = new ArrayList<>(counted.size() + deducted.size());
        for (String name : counted.keySet()) {
            bases.add(new Base(key, name, amountOf(name)));
        }
        for (String name : deducted.keySet()) {
            if (!counted.containsKey(name)) {
                bases.add(new Base(key, name, amountOf(name)));
            }
        }
        return bases;
    }

    /**
     * The benefits granted so far, as the facts the engine inserts for the adjust stage; from then on
     * {@link #granted} reads these, not benefits adjusting rules add.
     */
    public List<Granted> granted() {
        Granted[] facts = new Granted[benefits.size()];
        for (int i = 0; i < facts.length; i++) {
            Benefit b = benefits.get(i);
            facts[i] = b.range() == null ? new Granted(key, b.kind(), b.amount(), null, null)
                    : new Granted(key, b.kind(), null, b.range().min(), b.range().max());
        }
        grantedFacts = List.of(facts);
        return grantedFacts;
    }

    /** Called by the engine when the engine itself refuses the claim (no enrolment). */
    public void rejectClaim(ReasonCode code, Message message) {
        rejections.add(new Rejection(code, null, null, message, null, null));
    }

    public List<Benefit> benefits() {
        return benefits;
    }

    public List<Rejection> rejections() {
        return rejections;
    }

    public List<ReviewFlag> reviewFlags() {
        return reviewFlags;
    }

    public List<Warning> warnings() {
        return warnings;
    }

    public List<String> rulesFired() {
        return rulesFired;
    }

}
