package org.huzhu.api;

/**
 * Facts that schemes list as exclusions (除外责任). A claim element carries the ones that apply; each ruleset's
 * parameters say which of them void which benefit.
 */
public enum Exclusion {
    /** 欺诈、骗保 */
    FRAUD,
    /** 醉酒 */
    DRUNKENNESS,
    /** 斗殴 */
    FIGHTING,
    /** 故意自伤 */
    INTENTIONAL_SELF_INJURY,
    /** 自杀 */
    SUICIDE,
    /** 故意犯罪或拒捕 */
    INTENTIONAL_CRIME_OR_RESISTING_ARREST,
    /** 违法行为 */
    ILLEGAL_ACT,
    /** 酒后驾驶、无有效执照驾驶、驾驶无有效行驶证的机动车 */
    DRUNK_OR_UNLICENSED_DRIVING,
    /** 一般健康检查、疗养、特别护理、康复性治疗、以物理治疗为主 */
    CHECKUP_CONVALESCENCE_OR_REHABILITATION,
    /** 整容、美容、种牙补牙、矫形、整形、变性、预防性手术及其并发症 (非意外所致) */
    COSMETIC_OR_ELECTIVE_SURGERY,
    /** 挂床: registered in hospital without actually staying */
    REGISTERED_WITHOUT_STAYING,
    /** 基本医保不予支付的项目 */
    NOT_COVERED_BY_MEDICAL_INSURANCE,
    /** 材料缺失或虚假 */
    MISSING_OR_FALSE_DOCUMENTS,
    /** 隐瞒病史、伪造或篡改病史 */
    CONCEALED_OR_FORGED_HISTORY,
    /** 错误诊断 */
    MISDIAGNOSIS
}
