package org.huzhu.api;

/** Where the care was given. */
public enum CareSetting {
    /** 住院 */
    INPATIENT,
    /** 特殊门诊 (special outpatient care for chronic and serious illness) */
    SPECIAL_OUTPATIENT
}
