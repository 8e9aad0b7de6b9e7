package org.huzhu.api;

/** Which basic medical insurance (基本医保) the member holds. */
public enum MedicalInsuranceType {
    /** 城镇职工基本医疗保险 — urban employees' MI. */
    URBAN_EMPLOYEE,
    /** 城乡居民基本医疗保险 — urban-rural residents' MI. */
    URBAN_RURAL_RESIDENT,
    /** No basic MI. */
    NONE
}
