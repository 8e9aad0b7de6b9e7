package org.huzhu.api.ruleset;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.huzhu.api.AccidentInjury;
import org.huzhu.api.AmountRange;
import org.huzhu.api.Benefit;
import org.huzhu.api.BenefitHistory;
import org.huzhu.api.Claim;
import org.huzhu.api.CoveragePeriod;
import org.huzhu.api.Death;
import org.huzhu.api.Diagnosis;
import org.huzhu.api.Exclusion;
import org.huzhu.api.FireLoss;
import org.huzhu.api.Member;
import org.huzhu.api.PriorPayment;
import org.huzhu.api.Rejection;
import org.huzhu.api.ReviewFlag;
import org.huzhu.api.WorkInjury;

/**
 * The fact a ruleset's rules work on: one per claim. It gives the claim, the member, the history and the
 * coverage period; reads the ruleset's parameters by name (recording each value used); does the arithmetic
 * with each step written down; and collects the benefits, rejections and review flags the rules decide.
 *
 * <p>Rules match it as {@code $c: ClaimContext($k: key)} and join the claim's {@link Stay} facts with
 * {@code Stay(key == $k)}. Every helper that computes writes a step into the explanation of the rule that
 * is firing; {@link #grant} turns those steps into the {@link Benefit}'s explanation.
 *
 * <p>Methods whose names begin with {@code engine} are for the engine only; the sandbox refuses them in DRL.
 */
public final class ClaimContext {

    private final int key;
    private final Claim claim;
    private final BenefitHistory history;
    private final CoveragePeriod coveragePeriod;
    private final boolean enrolled;
    private final Parameters parameters;
    private final Rounding rounding;

    private final List<Benefit> benefits = new ArrayList<>();
    private final List<Rejection> rejections = new ArrayList<>();
    private final List<ReviewFlag> reviewFlags = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<String> rulesFired = new ArrayList<>();
    private final Map<String, List<String>> countingSteps = new LinkedHashMap<>();
    private final Map<String, BigDecimal> counted = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> countingUsed = new LinkedHashMap<>();

    private String rule;
    private String clause;
    private List<String> steps = new ArrayList<>();
    private Map<String, String> used = new LinkedHashMap<>();

    public ClaimContext(int key, Claim claim, BenefitHistory history, CoveragePeriod coveragePeriod,
                        boolean enrolled, Parameters parameters, Rounding rounding) {
        this.key = key;
        this.claim = claim;
        this.history = history;
        this.coveragePeriod = coveragePeriod;
        this.enrolled = enrolled;
        this.parameters = parameters;
        this.rounding = rounding;
    }

    // ---- what the rules read -------------------------------------------------------------------------

    public int getKey() {
        return key;
    }

    public Claim getClaim() {
        return claim;
    }

    public Member getMember() {
        return claim.member();
    }

    public BenefitHistory getHistory() {
        return history;
    }

    /** The coverage period the claim date falls in (from the member's enrolment, or the scheme's year). */
    public CoveragePeriod getCoveragePeriod() {
        return coveragePeriod;
    }

    /** The member holds an enrolment in this scheme covering the claim date. */
    public boolean isEnrolled() {
        return enrolled;
    }

    /** The claim's diagnosis, or null. */
    public Diagnosis getDiagnosis() {
        return claim.diagnosis();
    }

    /** The claim's work injury, or null. */
    public WorkInjury getWorkInjury() {
        return claim.workInjury();
    }

    /** The member's death, or null. */
    public Death getDeath() {
        return claim.death();
    }

    /** The claim's accidental injury, or null. */
    public AccidentInjury getAccidentInjury() {
        return claim.accidentInjury();
    }

    /** The claim's fire loss, or null. */
    public FireLoss getFireLoss() {
        return claim.fireLoss();
    }

    /** Whether the date falls in the claim's coverage period. */
    public boolean inCoveragePeriod(LocalDate date) {
        return coveragePeriod != null && coveragePeriod.contains(date);
    }

    public LocalDate getClaimDate() {
        return claim.claimDate();
    }

    public boolean hasBirthDate() {
        return claim.member().birthDate() != null;
    }

    /** Age in whole years on the claim date; -1 if the birth date is unknown. */
    public int getAge() {
        return claim.member().ageOn(claim.claimDate()).orElse(-1);
    }

    // ---- parameters ----------------------------------------------------------------------------------

    /** A money parameter, in yuan. */
    public BigDecimal money(String name) {
        return number(name, "money");
    }

    /** A rate parameter, e.g. 0.34. */
    public BigDecimal rate(String name) {
        return number(name, "rate");
    }

    /** An integer parameter, e.g. a number of days. */
    public int integer(String name) {
        return number(name, "integer").intValueExact();
    }

    private BigDecimal number(String name, String type) {
        Parameter p = parameters.get(name, type);
        used.put(name, p.valueText());
        return p.number();
    }

    /** Whether {@code code} is in the codes parameter {@code name}. */
    public boolean listed(String name, String code) {
        Parameter p = parameters.get(name, "codes");
        used.put(name, p.valueText());
        return code != null && p.codes().contains(code);
    }

    /** The first of the given exclusions listed in the codes parameter {@code name}, or null if none. */
    public String exclusionIn(String name, Set<Exclusion> exclusions) {
        Parameter p = parameters.get(name, "codes");
        for (Exclusion e : exclusions) {
            if (p.codes().contains(e.name())) {
                used.put(name, p.valueText());
                return e.name();
            }
        }
        return null;
    }

    /** Whether any of the given exclusions is listed in the codes parameter {@code name}. */
    public boolean excluded(String name, Set<Exclusion> exclusions) {
        return exclusionIn(name, exclusions) != null;
    }

    /** The amount for {@code key} in the table parameter {@code name}, or null if the table has no such key. */
    public BigDecimal lookup(String name, String key) {
        Parameter p = parameters.get(name, "table");
        BigDecimal value = p.table().get(key);
        used.put(name + "[" + key + "]", value == null ? "none" : value.toPlainString());
        if (value != null) {
            step(name + "[" + key + "] = " + Figures.money(value));
        }
        return value;
    }

    /**
     * The amount of the band {@code base} falls in, from the bands parameter {@code name} (a step table such
     * as Wujin's: the whole base picks one amount).
     */
    public BigDecimal band(String name, BigDecimal base) {
        Parameter p = parameters.get(name, "bands");
        used.put(name, p.valueText());
        int i = bandIndex(p, base);
        if (i < 0) {
            step(Figures.money(base) + " is below the first band of " + name + " → 0");
            return BigDecimal.ZERO;
        }
        BigDecimal value = p.bands().get(i).value();
        step(Figures.money(base) + " is in band " + bandText(p, i) + " of " + name + " → " + Figures.money(value));
        return value;
    }

    /**
     * The rate of the band {@code base} falls in, from the tiers parameter {@code name}, applied to the whole
     * base (Changchun: 152,000 × 8%).
     */
    public BigDecimal wholeTier(String name, BigDecimal base) {
        Parameter p = parameters.get(name, "tiers");
        used.put(name, p.valueText());
        int i = bandIndex(p, base);
        if (i < 0) {
            step(Figures.money(base) + " is below the first tier of " + name + " → 0");
            return BigDecimal.ZERO;
        }
        BigDecimal r = p.bands().get(i).value();
        BigDecimal result = base.multiply(r);
        step(Figures.money(base) + " is in tier " + bandText(p, i) + " of " + name + ": " + Figures.money(base)
                + " × " + Figures.rate(r) + " = " + Figures.money(result));
        return result;
    }

    /**
     * Marginal tiers, like income-tax brackets: each slice of {@code base} is paid at its tier's rate from the
     * tiers parameter {@code name} (Quzhou: 5,000 × 40% + 5,000 × 45% + 4,000 × 50%).
     */
    public BigDecimal marginal(String name, BigDecimal base) {
        Parameter p = parameters.get(name, "tiers");
        used.put(name, p.valueText());
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
            BigDecimal pay = slice.multiply(bands.get(i).value());
            total = total.add(pay);
            parts.add(Figures.money(slice) + " × " + Figures.rate(bands.get(i).value()));
            step("tier " + bandText(p, i) + ": " + Figures.money(slice) + " × " + Figures.rate(bands.get(i).value())
                    + " = " + Figures.money(pay));
        }
        step(name + " on " + Figures.money(base) + ": " + (parts.isEmpty() ? "0" : String.join(" + ", parts))
                + " = " + Figures.money(total));
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

    private static String bandText(Parameter p, int i) {
        List<Band> bands = p.bands();
        String lo = Figures.money(bands.get(i).from());
        String hi = i + 1 < bands.size() ? Figures.money(bands.get(i + 1).from()) : "∞";
        return p.lowerBoundInclusive() ? "[" + lo + ", " + hi + ")" : "(" + lo + ", " + hi + "]";
    }

    // ---- arithmetic with steps ----------------------------------------------------------------------

    /** {@code amount × rate(rateName)}, written as a step: {@code what: 10,000.00 × 34% = 3,400.00}. */
    public BigDecimal times(BigDecimal amount, String rateName, String what) {
        BigDecimal r = rate(rateName);
        BigDecimal result = amount.multiply(r);
        step(what + ": " + Figures.money(amount) + " × " + Figures.rate(r) + " = " + Figures.money(result));
        return result;
    }

    /**
     * {@code amount × fraction} for a fraction from the claim (0..1, such as a stay's liability share), written as
     * a step. The fraction is checked, so the result never exceeds the amount: rules get no raw multiplication.
     */
    public BigDecimal share(BigDecimal amount, BigDecimal fraction, String what) {
        if (fraction.signum() < 0 || fraction.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException(what + ": a share must be between 0 and 1, not "
                    + fraction.toPlainString());
        }
        BigDecimal result = amount.multiply(fraction);
        step(what + ": " + Figures.money(amount) + " × " + Figures.rate(fraction) + " = " + Figures.money(result));
        return result;
    }

    /** {@code amount × money(perUnitName) ÷ divisor}, e.g. 1,000 a month ÷ 30 days × 45 days. */
    public BigDecimal perUnit(BigDecimal units, String perName, BigDecimal divisor, String what) {
        BigDecimal per = money(perName);
        BigDecimal result = per.multiply(units).divide(divisor, 10, RoundingMode.HALF_UP);
        step(what + ": " + Figures.money(per) + (divisor.compareTo(BigDecimal.ONE) == 0 ? ""
                : " ÷ " + divisor.toPlainString()) + " × " + units.toPlainString() + " = "
                + Figures.money(result));
        return result;
    }

    /** The lesser of {@code amount} and the money parameter {@code capName}, with a step if it caps. */
    public BigDecimal capped(BigDecimal amount, String capName) {
        return atMost(amount, money(capName), capName);
    }

    /** The lesser of {@code amount} and {@code cap}, with a step if it caps. */
    public BigDecimal atMost(BigDecimal amount, BigDecimal cap, String what) {
        if (amount.compareTo(cap) > 0) {
            step(Figures.money(amount) + " is above " + what + " " + Figures.money(cap) + " → "
                    + Figures.money(cap));
            return cap;
        }
        return amount;
    }

    /** {@code amount − deduction}, never below 0, written as a step. */
    public BigDecimal less(BigDecimal amount, BigDecimal deduction, String what) {
        BigDecimal result = amount.subtract(deduction).max(BigDecimal.ZERO);
        if (deduction.signum() != 0) {
            step(Figures.money(amount) + " − " + what + " " + Figures.money(deduction) + " = "
                    + Figures.money(result));
        }
        return result;
    }

    /** Adds a free-text step to the explanation of the firing rule. */
    public void note(String text) {
        step(text);
    }

    private void step(String text) {
        steps.add(text);
    }

    // ---- cumulative bases ---------------------------------------------------------------------------

    /**
     * Counts {@code amount} of a stay toward the named base (e.g. a year's cumulative 个人自理), with how it
     * was counted. Every stay should be counted once per base, with 0 and the reason when it does not count.
     */
    public void count(String base, Stay stay, BigDecimal amount, String how) {
        counted.merge(base, amount, BigDecimal::add);
        String working = steps.isEmpty() ? "" : " (" + String.join("; ", steps) + ")";
        countingSteps.computeIfAbsent(base, b -> new ArrayList<>())
                .add(stay.getLabel() + (stay.isEarlier() ? " (already claimed)" : "") + ": " + how + working
                        + " → counts " + Figures.money(amount));
        countingUsed.computeIfAbsent(base, b -> new LinkedHashMap<>()).putAll(used);
        steps = new ArrayList<>();
        used = new LinkedHashMap<>();
    }

    /** The total counted toward the named base; its counting steps join the firing rule's explanation. */
    public BigDecimal total(String base) {
        BigDecimal sum = counted.getOrDefault(base, BigDecimal.ZERO);
        steps.addAll(countingSteps.getOrDefault(base, List.of()));
        used.putAll(countingUsed.getOrDefault(base, Map.of()));
        step(base + " = " + Figures.money(sum));
        return sum;
    }

    // ---- history ------------------------------------------------------------------------------------

    /** What was already paid of this kind for events in the claim's coverage period. */
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
    public BigDecimal paidInMonthsBefore(String kind, int months) {
        LocalDate end = claim.applicationDate();
        LocalDate start = end.minusMonths(months);
        BigDecimal sum = BigDecimal.ZERO;
        for (PriorPayment p : history.payments()) {
            if (p.kind().equals(kind) && p.date().isAfter(start) && !p.date().isAfter(end)) {
                sum = sum.add(p.amount());
            }
        }
        return sum;
    }

    /** Whether a benefit of this kind was ever paid (once-only benefits). */
    public boolean paidBefore(String kind) {
        return history.payments().stream().anyMatch(p -> p.kind().equals(kind));
    }

    /** Whether a benefit of this kind was ever paid for this illness (once per illness). */
    public boolean paidBeforeForIllness(String kind, String illnessCode) {
        return history.payments().stream()
                .anyMatch(p -> p.kind().equals(kind) && illnessCode != null && illnessCode.equals(p.illnessCode()));
    }

    /** Whether the stay was discharged within {@code months} months before the application date. */
    public boolean withinMonthsBefore(Stay stay, int months) {
        LocalDate end = claim.applicationDate();
        return stay.getDischargeDate().isAfter(end.minusMonths(months)) && !stay.getDischargeDate().isAfter(end);
    }

    // ---- outcomes -----------------------------------------------------------------------------------

    /**
     * Grants a benefit: rounds the amount as the ruleset declares, and records the firing rule, its clause,
     * the steps so far and the parameters used. A zero amount is recorded too, with its working.
     */
    public void grant(String kind, BigDecimal amount) {
        BigDecimal rounded = rounding.apply(amount);
        if (rounded.compareTo(amount) != 0) {
            step(Figures.money(amount) + " → " + Figures.money(rounded, rounding.scale()) + " ("
                    + rounding.description() + ")");
        }
        benefits.add(new Benefit(kind, rounded, null, rule, clause, steps, used));
        steps = new ArrayList<>();
        used = new LinkedHashMap<>();
    }

    /** Grants a range between two money parameters for a person to decide within, and flags it for review. */
    public void grantRange(String kind, String minName, String maxName, String reviewReason) {
        BigDecimal min = money(minName);
        BigDecimal max = money(maxName);
        step("amount to be decided between " + Figures.money(min) + " and " + Figures.money(max));
        benefits.add(new Benefit(kind, null, new AmountRange(min, max), rule, clause, steps, used));
        reviewFlags.add(new ReviewFlag(kind, reviewReason, rule));
        steps = new ArrayList<>();
        used = new LinkedHashMap<>();
    }

    /** Refuses a benefit kind (or, with a null kind, the whole claim) with the reason a clerk reads. */
    public void reject(String kind, String reason) {
        rejections.add(new Rejection(kind, reason, rule, clause));
    }

    /** Flags the decision for a person to review. */
    public void review(String kind, String reason) {
        reviewFlags.add(new ReviewFlag(kind, reason, rule));
    }

    /** A warning that changes nothing but that a clerk should read. */
    public void warn(String text) {
        warnings.add(text);
    }

    /** Whether any rejection of this kind (or of the whole claim) was recorded so far. */
    public boolean rejected(String kind) {
        return rejections.stream().anyMatch(r -> r.kind() == null || r.kind().equals(kind));
    }

    // ---- for the engine only ------------------------------------------------------------------------

    /** Called by the engine before a rule's consequence runs for this claim. */
    public void engineBeginRule(String ruleName, String ruleClause) {
        this.rule = ruleName;
        this.clause = ruleClause;
        this.steps = new ArrayList<>();
        this.used = new LinkedHashMap<>();
        rulesFired.add(ruleName);
    }

    /** Called by the engine when the engine itself refuses the claim (no enrolment). */
    public void engineReject(String reason) {
        rejections.add(new Rejection(null, reason, null, null));
    }

    public List<Benefit> engineBenefits() {
        return benefits;
    }

    public List<Rejection> engineRejections() {
        return rejections;
    }

    public List<ReviewFlag> engineReviewFlags() {
        return reviewFlags;
    }

    public List<String> engineWarnings() {
        return warnings;
    }

    public List<String> engineRulesFired() {
        return rulesFired;
    }

}
