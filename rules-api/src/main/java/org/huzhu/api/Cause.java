package org.huzhu.api;

/** Why the member was treated. */
public enum Cause {
    /** 疾病 */
    ILLNESS,
    /** 交通事故 — carries the member's liability share. */
    TRAFFIC_ACCIDENT,
    /** 工伤 */
    WORK_INJURY,
    /** 其他意外伤害 */
    OTHER_ACCIDENT
}
