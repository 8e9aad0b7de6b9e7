package org.huzhu.api;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Why a benefit was refused, what a person must review, or what a clerk should know: the one list of stable
 * codes that {@link Rejection}, {@link ReviewFlag} and {@link Warning} carry. The set is derived from what the
 * bundled rulesets refuse, flag and warn about; a ruleset can use only these (an unknown code fails the claim).
 * Codes are stable: they may be added, never renamed or reused. The message beside a code says the particulars.
 *
 * <p>In DRL a code is a string literal, e.g. {@code $c.reject("ACCIDENT_INJURY", "EXCLUDED_CAUSE", "...")}.
 */
public enum ReasonCode {

    // ---- eligibility of the member ----------------------------------------------------------------

    /** Not enrolled (未参保): the member holds no enrolment in the scheme covering the claim date. */
    NOT_ENROLLED,
    /** Not a union member (非工会会员): the benefit is for union members. */
    NOT_UNION_MEMBER,
    /** Not a hardship-registered household (非城市困难职工家庭): the benefit is for those households only. */
    NOT_HARDSHIP_REGISTERED,
    /**
     * Registered in the hardship file (已纳入困难职工建档): such members receive other aid instead of this
     * benefit (Hunan).
     */
    HARDSHIP_FILE,
    /** Outside the age limit (年龄限制) the scheme sets, e.g. 16 to 60, or the legal working age. */
    AGE_LIMIT,
    /** The member's birth date is needed to check an age limit and is missing. */
    BIRTH_DATE_MISSING,
    /**
     * The member's kind of basic medical insurance is not covered (参保类型不符), e.g. urban-rural residents' MI
     * before Jinhua's phase 3.
     */
    MEDICAL_INSURANCE_NOT_COVERED,
    /** The member holds no basic medical insurance (未参加基本医疗保险). */
    NO_MEDICAL_INSURANCE,

    // ---- the event and its dates ------------------------------------------------------------------

    /**
     * Outside the coverage period (保障期外): the stay's admission, the first diagnosis, the death or the injury
     * falls outside the claim's coverage period. On a stay it is usually a warning: the stay counts 0.
     */
    OUTSIDE_COVERAGE_PERIOD,
    /** A stay discharged outside the look-back window (e.g. the 12 months before the application) counts 0. */
    OUTSIDE_LOOKBACK_WINDOW,
    /**
     * The cause of the event is not one the benefit covers: a work injury (工伤) claimed as a non-work accident,
     * a death from illness claimed as an accidental death, a death by accident claimed as a death from illness.
     */
    EXCLUDED_CAUSE,
    /**
     * An exclusion (除外责任) the scheme lists applies: drunkenness, self-injury, fraud, items MI does not pay,
     * missing documents... The message names the exclusion (an {@link Exclusion} constant).
     */
    EXCLUSION_APPLIES,
    /** The illness was present before enrolment (既往症). */
    PRE_EXISTING_ILLNESS,
    /** The illness is not one the scheme lists (非规定病种), e.g. not one of its critical illnesses. */
    NOT_LISTED_ILLNESS,
    /** The injury is not in the scheme's table, e.g. less than a fracture (骨折以上伤残). */
    NOT_LISTED_INJURY,
    /** Not diagnosed at a hospital of the grade the scheme requires (确诊医院等级不符). */
    HOSPITAL_NOT_QUALIFIED,
    /** The claim names no illness (diagnosis) where the benefit is given for an illness. */
    DIAGNOSIS_MISSING,
    /** The care setting is not one the scheme pays for, e.g. special outpatient care (特殊门诊) where it pays stays. */
    CARE_SETTING_NOT_COVERED,

    // ---- history and amounts ----------------------------------------------------------------------

    /** A once-only benefit (一次性) was already paid to the member. */
    ALREADY_PAID,
    /** The benefit was already paid for this illness (同一疾病限一次). */
    ALREADY_PAID_FOR_ILLNESS,
    /** The base is below the threshold the benefit starts at (未达起付/门槛), e.g. a 12-month self-pay under 50,000. */
    BELOW_THRESHOLD,

    // ---- for review -------------------------------------------------------------------------------

    /** A committee decides the amount within a range (由评审委员会在区间内确定金额). */
    AMOUNT_TO_BE_DECIDED,
    /** Another body must approve the payment, e.g. the city charity federation (慈善总会审批). */
    APPROVAL_REQUIRED,

    // ---- from the engine --------------------------------------------------------------------------

    /**
     * A what-if: the decision was computed under a pinned version that is not in force on the claim date, as
     * the request asked. Without a what-if such a request is refused.
     */
    PINNED_VERSION_NOT_IN_FORCE;

    /**
     * The code named {@code name}.
     *
     * @throws IllegalArgumentException naming the unknown code and listing the known ones
     */
    public static ReasonCode of(String name) {
        if (name != null) {
            for (ReasonCode c : values()) {
                if (c.name().equals(name)) {
                    return c;
                }
            }
        }
        throw new IllegalArgumentException("unknown reason code '" + name + "' (codes: " + names() + ")");
    }

    /** Whether {@code name} is a code. */
    public static boolean isCode(String name) {
        return Arrays.stream(values()).anyMatch(c -> c.name().equals(name));
    }

    /** Every code, comma-separated. */
    public static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
