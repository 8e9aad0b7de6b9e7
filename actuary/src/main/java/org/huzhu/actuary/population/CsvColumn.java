package org.huzhu.actuary.population;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The columns of a CSV population (README, "CSV populations", documents each). A row is one stay, one earlier stay
 * or one prior payment ({@link #ROW_TYPE}); the claim-level columns ({@link Part#claimLevel()}) repeat on every row of
 * the claim and must agree. Names are snake_case: the JSON field's name, prefixed where it would be ambiguous.
 */
enum CsvColumn {
    ROW_TYPE("row_type", Part.ROW, null),
    RULESET("ruleset", Part.REQUEST, "ruleset"),
    WHAT_IF("what_if", Part.REQUEST, "whatIf"),
    CLAIM_ID("claim_id", Part.CLAIM, "id"),
    CLAIM_DATE("claim_date", Part.CLAIM, "claimDate"),
    APPLICATION_DATE("application_date", Part.CLAIM, "applicationDate"),
    MEMBER_ID("member_id", Part.MEMBER, "id"),
    BIRTH_DATE("birth_date", Part.MEMBER, "birthDate"),
    UNION_MEMBER("union_member", Part.MEMBER, "unionMember"),
    HARDSHIP_REGISTERED("hardship_registered", Part.MEMBER, "hardshipRegistered"),
    MEDICAL_INSURANCE("medical_insurance", Part.MEMBER, "medicalInsurance"),
    HOUSEHOLD_ID("household_id", Part.MEMBER, "householdId"),
    ENROLMENTS("enrolments", Part.MEMBER, "enrolments"),
    ILLNESS_CODE("illness_code", Part.DIAGNOSIS, "illnessCode"),
    FIRST_DIAGNOSIS_DATE("first_diagnosis_date", Part.DIAGNOSIS, "firstDiagnosisDate"),
    CARCINOMA_IN_SITU("carcinoma_in_situ", Part.DIAGNOSIS, "carcinomaInSitu"),
    PRE_EXISTING("pre_existing", Part.DIAGNOSIS, "preExisting"),
    DIAGNOSED_AT_QUALIFIED_HOSPITAL("diagnosed_at_qualified_hospital", Part.DIAGNOSIS, "diagnosedAtQualifiedHospital"),
    DIAGNOSIS_EXCLUSIONS("diagnosis_exclusions", Part.DIAGNOSIS, "exclusions"),
    WORK_INJURY_DATE("work_injury_date", Part.WORK_INJURY, "date"),
    DISABILITY_GRADE("disability_grade", Part.WORK_INJURY, "disabilityGrade"),
    WORK_INJURY_DEATH("work_injury_death", Part.WORK_INJURY, "death"),
    WORK_INJURY_EXCLUSIONS("work_injury_exclusions", Part.WORK_INJURY, "exclusions"),
    DEATH_DATE("death_date", Part.DEATH, "date"),
    DEATH_CAUSE("death_cause", Part.DEATH, "cause"),
    ACCIDENT_DATE("accident_date", Part.ACCIDENT_INJURY, "date"),
    ACCIDENT_BODY_PART("accident_body_part", Part.ACCIDENT_INJURY, "bodyPart"),
    ACCIDENT_SEVERITY("accident_severity", Part.ACCIDENT_INJURY, "severity"),
    ACCIDENT_WORK_RELATED("accident_work_related", Part.ACCIDENT_INJURY, "workRelated"),
    ACCIDENT_EXCLUSIONS("accident_exclusions", Part.ACCIDENT_INJURY, "exclusions"),
    FIRE_DATE("fire_date", Part.FIRE_LOSS, "date"),
    FIRE_CERTIFIED_LOSS("fire_certified_loss", Part.FIRE_LOSS, "certifiedLoss"),
    STAY_ID("stay_id", Part.STAY, "id"),
    SETTING("setting", Part.STAY, "setting"),
    ADMISSION_DATE("admission_date", Part.STAY, "admissionDate"),
    DISCHARGE_DATE("discharge_date", Part.STAY, "dischargeDate"),
    TOTAL_COST("total_cost", Part.STAY, "totalCost"),
    MEDICAL_INSURANCE_PAID("medical_insurance_paid", Part.STAY, "medicalInsurancePaid"),
    CO_PAY("co_pay", Part.STAY, "coPay"),
    OUT_OF_POLICY("out_of_policy", Part.STAY, "outOfPolicy"),
    DEDUCTIBLE_PART("deductible_part", Part.STAY, "deductiblePart"),
    PROPORTIONAL_CO_PAY("proportional_co_pay", Part.STAY, "proportionalCoPay"),
    SETTLED_THROUGH_MEDICAL_INSURANCE("settled_through_medical_insurance", Part.STAY, "settledThroughMedicalInsurance"),
    CAUSE("cause", Part.STAY, "cause"),
    LIABILITY_SHARE("liability_share", Part.STAY, "liabilityShare"),
    STAY_EXCLUSIONS("stay_exclusions", Part.STAY, "exclusions"),
    PAYMENT_KIND("payment_kind", Part.PAYMENT, "kind"),
    PAYMENT_DATE("payment_date", Part.PAYMENT, "date"),
    PAYMENT_AMOUNT("payment_amount", Part.PAYMENT, "amount"),
    PAYMENT_ILLNESS_CODE("payment_illness_code", Part.PAYMENT, "illnessCode");

    /** Which object of the request a column fills. */
    enum Part {
        ROW, REQUEST, CLAIM, MEMBER, DIAGNOSIS, WORK_INJURY, DEATH, ACCIDENT_INJURY, FIRE_LOSS, STAY, PAYMENT;

        /** Repeated on every row of a claim, and must agree. */
        boolean claimLevel() {
            return this != ROW && this != STAY && this != PAYMENT;
        }
    }

    /** Without these a row cannot name its claim, its member or the ruleset: the header must have them. */
    static final java.util.Set<CsvColumn> REQUIRED = java.util.EnumSet.of(RULESET, CLAIM_ID, CLAIM_DATE, MEMBER_ID);

    private static final Map<String, CsvColumn> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(CsvColumn::header, Function.identity()));

    private final String header;
    private final Part part;
    private final String field;

    CsvColumn(String header, Part part, String field) {
        this.header = header;
        this.part = part;
        this.field = field;
    }

    /** The name in the header line. */
    String header() {
        return header;
    }

    Part part() {
        return part;
    }

    /** The model record's component it fills ({@code coPay}), null for {@link #ROW_TYPE}. */
    String field() {
        return field;
    }

    static CsvColumn named(String header) {
        return BY_NAME.get(header);
    }

    /** The column that fills {@code field} of {@code part}, for naming a record's own check; null if none. */
    static CsvColumn of(Part part, String field) {
        for (CsvColumn c : values()) {
            if (c.part == part && field.equals(c.field)) {
                return c;
            }
        }
        return null;
    }
}
