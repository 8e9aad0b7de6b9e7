package org.huzhu.api.ruleset;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;
import org.huzhu.api.BenefitHistory;
import org.huzhu.api.AccidentInjury;
import org.huzhu.api.Claim;
import org.huzhu.api.CoveragePeriod;
import org.huzhu.api.Death;
import org.huzhu.api.Diagnosis;
import org.huzhu.api.Exclusion;
import org.huzhu.api.FireLoss;
import org.huzhu.api.Message;
import org.huzhu.api.Member;
import org.huzhu.api.WorkInjury;

/**
 * What a ruleset's rules may call: the fact they work on, one per claim. It gives the claim, the member, the
 * history and the coverage period; reads the ruleset's parameters by name (recording each value used); does the
 * arithmetic with each step written down; and records the benefits, rejections, review flags and warnings the rules
 * decide. The engine implements it; its state and recording stay inside the engine, out of reach of rules and of
 * embedding systems.
 *
 * <p>Rules match it as {@code $c : ClaimContext($k : key)} and join the claim's {@link Stay} facts with
 * {@code Stay(key == $k)}. Every helper that computes writes a step into the explanation of the rule that is
 * firing; {@link #grant} turns those steps into the benefit's explanation. Names of parameters
 * ({@link ParameterRef}), benefit kinds ({@link KindRef}) and reason codes ({@link CodeRef}) are string literals,
 * checked when the ruleset loads. Each example below is taken from a bundled ruleset.
 *
 * <p>A claim's rules run in three stages (a rule names its own with {@code @stage("count")}, {@code "grant"} or
 * {@code "adjust"}): {@code count} rules count stays toward named bases ({@link #count}, {@link #deduct}); the engine
 * then inserts one {@link Base} per counted base; {@code grant} rules match bases and the claim's facts and grant,
 * refuse or flag; the engine then inserts one {@link Granted} per benefit granted; {@code adjust} rules match those
 * (caps across benefits, top-ups). Conditions may call only the methods marked {@link Pure}: the others write the
 * explanation, record outcomes or read what rules recorded.
 */
public interface ClaimContext {

    // ---- what the rules read ----------------------------------------------------------------------------

    /**
     * The claim's key in its rule session: every pattern after the first joins it, so claims evaluated together
     * never see each other.
     *
     * <p>Example: {@code $c : ClaimContext( $k : key )} then {@code $s : Stay( key == $k )}
     */
    @Pure
    int getKey();

    /**
     * The claim being decided.
     *
     * <p>Example: {@code $c.getClaim().applicationDate()}
     */
    @Pure
    Claim getClaim();

    /**
     * The member who claims.
     *
     * <p>Example: {@code $c : ClaimContext( !member.unionMember )}
     */
    @Pure
    Member getMember();

    /**
     * The member's history: benefits already paid and stays already claimed. Rules read it through
     * {@link #paidInPeriod}, {@link #paidBefore} and the earlier stays' {@link Stay} facts.
     *
     * <p>Example: {@code $c.getHistory().payments()}
     */
    @Pure
    BenefitHistory getHistory();

    /**
     * The coverage period the claim date falls in (from the member's enrolment, or the scheme's year).
     *
     * <p>Example: {@code $c.note($c.msg("household").with($c.getMember().householdId()).with($c.getCoveragePeriod()));}
     */
    @Pure
    CoveragePeriod getCoveragePeriod();

    /** The member holds an enrolment in this scheme covering the claim date. */
    @Pure
    boolean isEnrolled();

    /**
     * The claim's diagnosis, or null.
     *
     * <p>Example: {@code $c.msg("excluded").with($c.exclusionIn("careExclusions", $c.getDiagnosis().exclusions()))}
     */
    @Pure
    Diagnosis getDiagnosis();

    /**
     * The claim's work injury, or null.
     *
     * <p>Example: {@code $c.note($c.msg("disabilityGrade").with($c.getWorkInjury().disabilityGrade()));}
     */
    @Pure
    WorkInjury getWorkInjury();

    /**
     * The member's death, or null.
     *
     * <p>Example: {@code $c.note($c.msg("diedOfAccident").with($c.getDeath().date()));}
     */
    @Pure
    Death getDeath();

    /**
     * The claim's accidental injury, or null.
     *
     * <p>Example: {@code String key = $c.getAccidentInjury().bodyPart() + "/" + $c.getAccidentInjury().severity();}
     */
    @Pure
    AccidentInjury getAccidentInjury();

    /**
     * The claim's fire loss, or null.
     *
     * <p>Example: {@code $c.grant("FIRE_LOSS", $c.capped($c.times($c.getFireLoss().certifiedLoss(), "fireRate",}
     */
    @Pure
    FireLoss getFireLoss();

    /**
     * Whether the date falls in the claim's coverage period.
     *
     * <p>Example: {@code $c : ClaimContext( diagnosis != null, !inCoveragePeriod(diagnosis.firstDiagnosisDate) )}
     */
    @Pure
    boolean inCoveragePeriod(LocalDate date);

    /**
     * The claim date: the insured event, which picks the version and the coverage period.
     *
     * <p>Example: {@code $c.msg("ageOutside").with($c.getAge()).with($c.getClaimDate())}
     */
    @Pure
    LocalDate getClaimDate();

    /**
     * Whether the member's birth date is known (an age limit cannot be checked without it).
     *
     * <p>Example: {@code $c : ClaimContext( !hasBirthDate() )}
     */
    @Pure
    boolean hasBirthDate();

    /**
     * Age in whole years on the claim date; -1 if the birth date is unknown.
     *
     * <p>Example: {@code $c.msg("ageOutside").with($c.getAge()).with($c.getClaimDate())}
     */
    @Pure
    int getAge();

    // ---- parameters -------------------------------------------------------------------------------------

    /**
     * A money parameter, in yuan.
     *
     * <p>Example: {@code $c.grant("ACCIDENTAL_DEATH", $c.money("accidentalDeathAmount"));}
     */
    @Pure
    BigDecimal money(@ParameterRef("money") String name);

    /** A rate parameter, e.g. 0.34. */
    @Pure
    BigDecimal rate(@ParameterRef("rate") String name);

    /**
     * An integer parameter, e.g. a number of days.
     *
     * <p>Example: {@code BigDecimal aid = $c.paidInMonthsBefore("MUTUAL_AID_SUBSIDY", $c.integer("lookbackMonths"));}
     */
    @Pure
    int integer(@ParameterRef("integer") String name);

    /**
     * Whether {@code code} is in the codes parameter {@code name}.
     *
     * <p>Example: {@code $c : ClaimContext( enrolled, diagnosis != null, listed("criticalIllnesses", diagnosis.illnessCode),}
     */
    @Pure
    boolean listed(@ParameterRef("codes") String name, String code);

    /**
     * The first of the given exclusions listed in the codes parameter {@code name}, or null if none.
     *
     * <p>Example: {@code $c.msg("excluded").with($c.exclusionIn("careExclusions", $c.getDiagnosis().exclusions()))}
     */
    @Pure
    String exclusionIn(@ParameterRef("codes") String name, Set<Exclusion> exclusions);

    /**
     * Whether any of the given exclusions is listed in the codes parameter {@code name}.
     *
     * <p>Example: {@code $c.excluded("careExclusions", exclusions) )}
     */
    @Pure
    boolean excluded(@ParameterRef("codes") String name, Set<Exclusion> exclusions);

    /**
     * The amount for {@code key} in the table parameter {@code name}, or null if the table has no such key.
     *
     * <p>Example: {@code $c.grant("ACCIDENT_INJURY", $c.capped($c.lookup("accidentTable", key), "accidentMaximum"));}
     */
    @Pure
    BigDecimal lookup(@ParameterRef("table") String name, String key);

    /**
     * The amount of the band {@code base} falls in, from the bands parameter {@code name} (a step table such
     * as Wujin's: the whole base picks one amount).
     *
     * <p>Example: {@code $c.grant("CRITICAL_ILLNESS_CARE", $c.band("careBands", base));}
     */
    BigDecimal band(@ParameterRef("bands") String name, BigDecimal base);

    /**
     * The rate of the band {@code base} falls in, from the tiers parameter {@code name}, applied to the whole
     * base (Changchun: 152,000 × 8%).
     *
     * <p>Example: {@code BigDecimal subsidy = $c.wholeTier("inpatientTiers", $s.getSelfPay());}
     */
    BigDecimal wholeTier(@ParameterRef("tiers") String name, BigDecimal base);

    /**
     * Marginal tiers, like income-tax brackets: each slice of {@code base} is paid at its tier's rate from the
     * tiers parameter {@code name} (Quzhou: 5,000 × 40% + 5,000 × 45% + 4,000 × 50%).
     *
     * <p>Example: {@code BigDecimal proportional = $c.marginal("proportionalCoPayTiers", $s.getProportionalCoPay());}
     */
    BigDecimal marginal(@ParameterRef("tiers") String name, BigDecimal base);

    // ---- arithmetic with steps --------------------------------------------------------------------------

    /**
     * {@code amount × rate(rateName)}, written as a step: {@code 个人自理: 10,000.00 × 34% = 3,400.00}, {@code what} a message.
     *
     * <p>Example: {@code $c.grant("FIRE_LOSS", $c.capped($c.times($c.getFireLoss().certifiedLoss(), "fireRate",}
     */
    BigDecimal times(BigDecimal amount, @ParameterRef("rate") String rateName, Message what);

    /**
     * {@code amount × share}, where the share is a fraction between 0 and 1 given in the claim (a liability share),
     * written as a step: {@code what: 10,000.00 × 30% = 3,000.00}. Rules have no raw multiplication of money.
     */
    BigDecimal portion(BigDecimal amount, BigDecimal share, Message what);

    /**
     * {@code amount × money(perUnitName) ÷ divisor}, e.g. 1,000 a month ÷ 30 days × 45 days.
     *
     * <p>Example: {@code $c.grant("LIVING_ALLOWANCE", $c.perUnit(days, "monthlyLivingAllowance", perMonth, $c.msg("livingAllowance")));}
     */
    BigDecimal perUnit(BigDecimal units, @ParameterRef("money") String perName, BigDecimal divisor,
                              Message what);

    /**
     * The lesser of {@code amount} and the money parameter {@code capName}, with a step if it caps.
     *
     * <p>Example: {@code $c.grant("ACCIDENT_INJURY", $c.capped($c.lookup("accidentTable", key), "accidentMaximum"));}
     */
    BigDecimal capped(BigDecimal amount, @ParameterRef("money") String capName);

    /**
     * The lesser of {@code amount} and {@code cap}, with a step if it caps.
     *
     * <p>Example: {@code $c.grant("INPATIENT_SUBSIDY", $c.atMost(due, left, $c.msg("yearlyMaxLeft")));}
     */
    BigDecimal atMost(BigDecimal amount, BigDecimal cap, Message what);

    /**
     * {@code amount − deduction}, never below 0, written as a step.
     *
     * <p>Example: {@code BigDecimal left = $c.less($c.money("inpatientYearlyMaximum"), $c.paidInPeriod("INPATIENT_SUBSIDY"),}
     */
    BigDecimal less(BigDecimal amount, BigDecimal deduction, Message what);

    /**
     * A message of the ruleset's {@code messages.yaml} (or the engine's bundle), to which {@code with} adds the
     * values of its placeholders in order. The key is a string literal, checked at load with the number of values.
     *
     * <p>Example: {@code $c.note($c.msg("diedOfAccident").with($c.getDeath().date()));}
     */
    @Pure
    Message msg(@MessageRef String key);

    /**
     * Adds a step to the explanation of the firing rule.
     *
     * <p>Example: {@code $c.note($c.msg("diedOfAccident").with($c.getDeath().date()));}
     */
    void note(Message step);

    // ---- cumulative bases -------------------------------------------------------------------------------

    /**
     * Counts {@code amount} of a stay toward the named base (e.g. a year's cumulative 个人自理), with how it
     * was counted. Every stay should be counted once per base, with 0 and the reason when it does not count.
     * Only {@code count}-stage rules may call it (a rule without {@code @stage} that calls it is one).
     *
     * <p>Example: {@code $c.count("inpatientSubsidy", $s, subsidy, $c.msg("wholeCashSelfPay"));}
     */
    void count(String base, Stay stay, BigDecimal amount, Message how);

    /**
     * Deducts {@code amount} from the named base, with what it is, e.g. subsidies already received for the costs
     * counted; a deduction of 0 records nothing. Deductions never take the base below 0. Only {@code count}-stage
     * rules may call it.
     *
     * <p>Example: {@code $c.deduct("selfPay12Months", $c.paidInMonthsBefore("MUTUAL_AID_SUBSIDY",
     * $c.integer("lookbackMonths")), $c.msg("aidReceived"));}
     */
    void deduct(String base, BigDecimal amount, Message what);

    /**
     * The total counted toward the named base, less its deductions; its counting steps join the firing rule's
     * explanation. Not in the {@code count} stage, where the total would depend on the order of counting.
     *
     * <p>Example: {@code BigDecimal due = $c.total("inpatientSubsidy");}
     */
    BigDecimal total(String base);

    /**
     * The amount of a {@link Base} the rule matched, with its counting steps joined to the firing rule's
     * explanation, as {@link #total(String)} does.
     *
     * <p>Example: {@code $c.grant("CRITICAL_ILLNESS_CARE", $c.band("careBands", $c.total($b)));}
     */
    BigDecimal total(Base base);

    /**
     * The amount granted to this claim of this kind in the {@code grant} stage: the sum of its {@link Granted}
     * facts' amounts, 0 if none. Only {@code adjust}-stage rules may call it; a kind granted as a range fails the
     * claim (match the {@link Granted} fact and choose its minimum or maximum instead).
     *
     * <p>Example: {@code BigDecimal left = $c.less(request, $c.granted("CRITICAL_ILLNESS_LUMP_SUM"), $c.msg("lumpSumGranted"));}
     */
    BigDecimal granted(@KindRef String kind);

    // ---- history ----------------------------------------------------------------------------------------

    /**
     * What was already paid of this kind for events in the claim's coverage period.
     *
     * <p>Example: {@code BigDecimal left = $c.less($c.money("inpatientYearlyMaximum"), $c.paidInPeriod("INPATIENT_SUBSIDY"),}
     */
    @Pure
    BigDecimal paidInPeriod(@KindRef(history = true) String kind);

    /**
     * What was already paid of this kind for events in the 12 months (or {@code months}) before the claim.
     *
     * <p>Example: {@code BigDecimal aid = $c.paidInMonthsBefore("MUTUAL_AID_SUBSIDY", $c.integer("lookbackMonths"));}
     */
    @Pure
    BigDecimal paidInMonthsBefore(@KindRef(history = true) String kind, int months);

    /**
     * Whether a benefit of this kind was ever paid (once-only benefits).
     *
     * <p>Example: {@code $c : ClaimContext( death != null, paidBefore("DEATH_CONDOLENCE") )}
     */
    @Pure
    boolean paidBefore(@KindRef(history = true) String kind);

    /**
     * Whether a benefit of this kind was ever paid for this illness (once per illness).
     *
     * <p>Example: {@code $c : ClaimContext( diagnosis != null, paidBeforeForIllness("CRITICAL_ILLNESS_CARE", diagnosis.illnessCode) )}
     */
    @Pure
    boolean paidBeforeForIllness(@KindRef(history = true) String kind, String illnessCode);

    /**
     * Whether the stay was discharged within {@code months} months before the application date.
     *
     * <p>Example: {@code $s : Stay( key == $k, inpatient, !$c.withinMonthsBefore(this, $c.integer("lookbackMonths")) )}
     */
    @Pure
    boolean withinMonthsBefore(Stay stay, int months);

    // ---- outcomes ---------------------------------------------------------------------------------------

    /**
     * Grants a benefit: rounds the amount as the ruleset declares, and records the firing rule, its clause,
     * the steps so far and the parameters used. A zero amount is recorded too, with its working.
     *
     * <p>Example: {@code $c.grant("ACCIDENT_INJURY", $c.capped($c.lookup("accidentTable", key), "accidentMaximum"));}
     */
    void grant(@KindRef String kind, BigDecimal amount);

    /**
     * Grants a range between two money parameters for a person to decide within, and flags it for review with
     * {@code reviewCode} (a {@link ReasonCode} name, e.g. {@code "AMOUNT_TO_BE_DECIDED"}) and its message.
     *
     * <p>Example: {@code $c.grantRange("CRITICAL_ILLNESS_CARE", "rangeMinimum", "rangeMaximum", "AMOUNT_TO_BE_DECIDED",}
     */
    void grantRange(@KindRef String kind, @ParameterRef("money") String minName, @ParameterRef("money") String maxName,
                           @CodeRef String reviewCode, Message reviewMessage);

    /**
     * Grants a range between two computed amounts (rounded as the ruleset declares) for a person to decide within,
     * and flags it for review: the steps so far, which show how the bounds were reached, become its explanation.
     *
     * <p>Example: {@code $c.grantRange("CHARITY_TOP_UP", BigDecimal.ZERO, $c.atMost(left, limit, $c.msg("limitLeft")),
     * "APPROVAL_REQUIRED", $c.msg("federationDecides"));}
     */
    void grantRange(@KindRef String kind, BigDecimal min, BigDecimal max, @CodeRef String reviewCode,
                    Message reviewMessage);

    /**
     * Refuses a benefit kind (or, with a null kind, the whole claim): {@code code} is a {@link ReasonCode} name,
     * e.g. {@code "EXCLUDED_CAUSE"}; {@code message} is the reason a clerk reads.
     *
     * <p>Example: {@code $c.reject("ACCIDENT_INJURY", "EXCLUDED_CAUSE", $c.msg("workInjuryNotAccident"));}
     */
    void reject(@KindRef String kind, @CodeRef String code, Message message);

    /**
     * Refuses a benefit kind because of one stay, e.g. an exclusion on that stay.
     *
     * <p>Example: {@code $c.reject("ACCIDENT_INJURY", "EXCLUDED_CAUSE", $c.msg("workInjuryNotAccident"));}
     */
    void reject(Stay stay, @KindRef String kind, @CodeRef String code, Message message);

    /**
     * Flags the decision for a person to review: {@code code} is a {@link ReasonCode} name.
     *
     * <p>Example: {@code $c.review("CHARITY_TOP_UP", "APPROVAL_REQUIRED", $c.msg("federationDecides"));}
     */
    void review(@KindRef String kind, @CodeRef String code, Message message);

    /**
     * A warning that changes nothing but that a clerk should read; {@code kind} may be null.
     *
     * <p>Example: {@code $c.warn($s, "INPATIENT_SUBSIDY", "OUTSIDE_COVERAGE_PERIOD", $c.msg("stayOutsidePeriod").with($s));}
     */
    void warn(@KindRef String kind, @CodeRef String code, Message message);

    /**
     * A warning about one stay, e.g. admitted outside the coverage period; {@code kind} may be null.
     *
     * <p>Example: {@code $c.warn($s, "INPATIENT_SUBSIDY", "OUTSIDE_COVERAGE_PERIOD", $c.msg("stayOutsidePeriod").with($s));}
     */
    void warn(Stay stay, @KindRef String kind, @CodeRef String code, Message message);

    /** Whether any rejection of this kind (or of the whole claim) was recorded so far. */
    boolean rejected(@KindRef String kind);
}
