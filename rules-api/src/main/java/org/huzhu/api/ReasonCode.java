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
    NOT_ENROLLED("未参保", "not enrolled"),
    /** Not a union member (非工会会员): the benefit is for union members. */
    NOT_UNION_MEMBER("非工会会员", "not a union member"),
    /** Not a hardship-registered household (非城市困难职工家庭): the benefit is for those households only. */
    NOT_HARDSHIP_REGISTERED("非城市困难职工家庭", "not a hardship-registered household"),
    /**
     * Registered in the hardship file (已纳入困难职工建档): such members receive other aid instead of this
     * benefit (Hunan).
     */
    HARDSHIP_FILE("已纳入困难职工建档", "registered in the hardship file"),
    /** Outside the age limit (年龄限制) the scheme sets, e.g. 16 to 60, or the legal working age. */
    AGE_LIMIT("不符合年龄条件", "outside the age limits"),
    /** The member's birth date is needed to check an age limit and is missing. */
    BIRTH_DATE_MISSING("缺少出生日期", "birth date missing"),
    /**
     * The member's kind of basic medical insurance is not covered (参保类型不符), e.g. urban-rural residents' MI
     * before Jinhua's phase 3.
     */
    MEDICAL_INSURANCE_NOT_COVERED("参保类型不符", "medical insurance not covered"),
    /** The member holds no basic medical insurance (未参加基本医疗保险). */
    NO_MEDICAL_INSURANCE("未参加基本医疗保险", "no basic medical insurance"),

    // ---- the event and its dates ------------------------------------------------------------------

    /**
     * Outside the coverage period (保障期外): the stay's admission, the first diagnosis, the death or the injury
     * falls outside the claim's coverage period. On a stay it is usually a warning: the stay counts 0.
     */
    OUTSIDE_COVERAGE_PERIOD("不在保障期内", "outside the coverage period"),
    /** A stay discharged outside the look-back window (e.g. the 12 months before the application) counts 0. */
    OUTSIDE_LOOKBACK_WINDOW("不在计算期间内", "outside the look-back window"),
    /**
     * The cause of the event is not one the benefit covers: a work injury (工伤) claimed as a non-work accident,
     * a death from illness claimed as an accidental death, a death by accident claimed as a death from illness.
     */
    EXCLUDED_CAUSE("不属保障的原因", "cause not covered"),
    /**
     * An exclusion (除外责任) the scheme lists applies: drunkenness, self-injury, fraud, items MI does not pay,
     * missing documents... The message names the exclusion (an {@link Exclusion} constant).
     */
    EXCLUSION_APPLIES("属于除外责任", "an exclusion applies"),
    /** The illness was present before enrolment (既往症). */
    PRE_EXISTING_ILLNESS("既往症", "pre-existing illness"),
    /** The illness is not one the scheme lists (非规定病种), e.g. not one of its critical illnesses. */
    NOT_LISTED_ILLNESS("非规定病种", "illness not listed"),
    /** The injury is not in the scheme's table, e.g. less than a fracture (骨折以上伤残). */
    NOT_LISTED_INJURY("非规定伤情", "injury not listed"),
    /** Not diagnosed at a hospital of the grade the scheme requires (确诊医院等级不符). */
    HOSPITAL_NOT_QUALIFIED("确诊医院等级不符", "hospital not qualified"),
    /** The claim names no illness (diagnosis) where the benefit is given for an illness. */
    DIAGNOSIS_MISSING("未提供诊断", "diagnosis missing"),
    /** The care setting is not one the scheme pays for, e.g. special outpatient care (特殊门诊) where it pays stays. */
    CARE_SETTING_NOT_COVERED("就医类型不在保障范围", "care setting not covered"),

    // ---- history and amounts ----------------------------------------------------------------------

    /** A once-only benefit (一次性) was already paid to the member. */
    ALREADY_PAID("已领取过", "already paid"),
    /** The benefit was already paid for this illness (同一疾病限一次). */
    ALREADY_PAID_FOR_ILLNESS("同一疾病已领取过", "already paid for this illness"),
    /** The base is below the threshold the benefit starts at (未达起付/门槛), e.g. a 12-month self-pay under 50,000. */
    BELOW_THRESHOLD("未达到起付标准", "below the threshold"),

    // ---- for review -------------------------------------------------------------------------------

    /** A committee decides the amount within a range (由评审委员会在区间内确定金额). */
    AMOUNT_TO_BE_DECIDED("待评审确定金额", "amount to be decided"),
    /** Another body must approve the payment, e.g. the city charity federation (慈善总会审批). */
    APPROVAL_REQUIRED("须经审批", "approval required"),

    // ---- from the engine --------------------------------------------------------------------------

    /**
     * A what-if: the decision was computed under a pinned version that is not in force on the claim date, as
     * the request asked. Without a what-if such a request is refused.
     */
    PINNED_VERSION_NOT_IN_FORCE("指定版本在申请日期不生效（假设测算）", "pinned version not in force (what-if)");

    private final String zh;
    private final String en;

    ReasonCode(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    /** The code's display name in Chinese, e.g. 未参保. */
    public String zh() {
        return zh;
    }

    /** The code's display name in English, e.g. "not enrolled". */
    public String en() {
        return en;
    }

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
