package org.huzhu.actuary.population;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.stream.Collectors;
import org.huzhu.actuary.population.CsvPopulation.RowType;
import org.huzhu.api.AccidentInjury;
import org.huzhu.api.Claim;
import org.huzhu.api.Death;
import org.huzhu.api.Diagnosis;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.Exclusion;
import org.huzhu.api.FireLoss;
import org.huzhu.api.HospitalStay;
import org.huzhu.api.Member;
import org.huzhu.api.PriorPayment;
import org.huzhu.api.WorkInjury;

/**
 * CSV: the reader's columns ({@link CsvColumn}, every one, in its order) and rows (README, "CSV populations"): a row
 * per stay, then per earlier stay, then per prior payment, each repeating the claim-level columns; a claim with none
 * of these is one row of type {@code claim}. Every value the request holds is written, defaults included, so the
 * reader gives back an equal request. Jackson's CSV generator quotes a value holding a comma or a quote.
 */
final class CsvPopulationWriter implements PopulationWriter {
    /** Quotes a value only when it needs quotes (by default Jackson quotes every value over 24 characters). */
    private static final CsvFactory CSV = CsvFactory.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
    private static final CsvColumn[] COLUMNS = CsvColumn.values();

    private final JsonGenerator csv;

    CsvPopulationWriter(OutputStream out) {
        try {
            // The generator writes a JSON array as one row; its own buffer sits over the caller's.
            this.csv = CSV.createGenerator(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            String[] header = new String[COLUMNS.length];
            for (CsvColumn c : COLUMNS) {
                header[c.ordinal()] = c.header();
            }
            row(header);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void write(EvaluationRequest request) {
        String[] claim = claimLevel(request);
        Claim c = request.claim();
        boolean any = false;
        for (HospitalStay s : c.stays()) {
            row(stay(claim, RowType.STAY, s));
            any = true;
        }
        for (HospitalStay s : request.history().earlierStays()) {
            row(stay(claim, RowType.EARLIER_STAY, s));
            any = true;
        }
        for (PriorPayment p : request.history().payments()) {
            String[] values = claim.clone();
            values[CsvColumn.ROW_TYPE.ordinal()] = RowType.PAYMENT.spelling();
            values[CsvColumn.PAYMENT_KIND.ordinal()] = p.kind();
            values[CsvColumn.PAYMENT_DATE.ordinal()] = text(p.date());
            values[CsvColumn.PAYMENT_AMOUNT.ordinal()] = text(p.amount());
            values[CsvColumn.PAYMENT_ILLNESS_CODE.ordinal()] = p.illnessCode();
            row(values);
            any = true;
        }
        if (!any) {
            String[] values = claim.clone();
            values[CsvColumn.ROW_TYPE.ordinal()] = RowType.CLAIM.spelling();
            row(values);
        }
    }

    /** The claim-level columns, as every row of the claim repeats them. */
    private static String[] claimLevel(EvaluationRequest r) {
        String[] v = new String[COLUMNS.length];
        Claim c = r.claim();
        Member m = c.member();
        v[CsvColumn.RULESET.ordinal()] = r.ruleset();
        v[CsvColumn.WHAT_IF.ordinal()] = text(r.whatIf());
        v[CsvColumn.CLAIM_ID.ordinal()] = c.id();
        v[CsvColumn.CLAIM_DATE.ordinal()] = text(c.claimDate());
        v[CsvColumn.APPLICATION_DATE.ordinal()] = text(c.applicationDate());
        v[CsvColumn.MEMBER_ID.ordinal()] = m.id();
        v[CsvColumn.BIRTH_DATE.ordinal()] = text(m.birthDate());
        v[CsvColumn.UNION_MEMBER.ordinal()] = text(m.unionMember());
        v[CsvColumn.HARDSHIP_REGISTERED.ordinal()] = text(m.hardshipRegistered());
        v[CsvColumn.MEDICAL_INSURANCE.ordinal()] = text(m.medicalInsurance());
        v[CsvColumn.HOUSEHOLD_ID.ordinal()] = m.householdId();
        v[CsvColumn.ENROLMENTS.ordinal()] = m.enrolments().isEmpty() ? null : m.enrolments().stream()
                .map(e -> e.scheme() + ":" + e.from() + ".." + e.to())
                .collect(Collectors.joining(CsvPopulation.LIST_SEPARATOR));
        Diagnosis d = c.diagnosis();
        if (d != null) {
            v[CsvColumn.ILLNESS_CODE.ordinal()] = d.illnessCode();
            v[CsvColumn.FIRST_DIAGNOSIS_DATE.ordinal()] = text(d.firstDiagnosisDate());
            v[CsvColumn.CARCINOMA_IN_SITU.ordinal()] = text(d.carcinomaInSitu());
            v[CsvColumn.PRE_EXISTING.ordinal()] = text(d.preExisting());
            v[CsvColumn.DIAGNOSED_AT_QUALIFIED_HOSPITAL.ordinal()] = text(d.diagnosedAtQualifiedHospital());
            v[CsvColumn.DIAGNOSIS_EXCLUSIONS.ordinal()] = codes(d.exclusions());
        }
        WorkInjury w = c.workInjury();
        if (w != null) {
            v[CsvColumn.WORK_INJURY_DATE.ordinal()] = text(w.date());
            v[CsvColumn.DISABILITY_GRADE.ordinal()] = w.disabilityGrade() == null ? null
                    : w.disabilityGrade().toString();
            v[CsvColumn.WORK_INJURY_DEATH.ordinal()] = text(w.death());
            v[CsvColumn.WORK_INJURY_EXCLUSIONS.ordinal()] = codes(w.exclusions());
        }
        Death death = c.death();
        if (death != null) {
            v[CsvColumn.DEATH_DATE.ordinal()] = text(death.date());
            v[CsvColumn.DEATH_CAUSE.ordinal()] = text(death.cause());
        }
        AccidentInjury a = c.accidentInjury();
        if (a != null) {
            v[CsvColumn.ACCIDENT_DATE.ordinal()] = text(a.date());
            v[CsvColumn.ACCIDENT_BODY_PART.ordinal()] = a.bodyPart();
            v[CsvColumn.ACCIDENT_SEVERITY.ordinal()] = a.severity();
            v[CsvColumn.ACCIDENT_WORK_RELATED.ordinal()] = text(a.workRelated());
            v[CsvColumn.ACCIDENT_EXCLUSIONS.ordinal()] = codes(a.exclusions());
        }
        FireLoss f = c.fireLoss();
        if (f != null) {
            v[CsvColumn.FIRE_DATE.ordinal()] = text(f.date());
            v[CsvColumn.FIRE_CERTIFIED_LOSS.ordinal()] = text(f.certifiedLoss());
        }
        return v;
    }

    private static String[] stay(String[] claim, RowType type, HospitalStay s) {
        String[] v = claim.clone();
        v[CsvColumn.ROW_TYPE.ordinal()] = type.spelling();
        v[CsvColumn.STAY_ID.ordinal()] = s.id();
        v[CsvColumn.SETTING.ordinal()] = text(s.setting());
        v[CsvColumn.ADMISSION_DATE.ordinal()] = text(s.admissionDate());
        v[CsvColumn.DISCHARGE_DATE.ordinal()] = text(s.dischargeDate());
        v[CsvColumn.TOTAL_COST.ordinal()] = text(s.totalCost());
        v[CsvColumn.MEDICAL_INSURANCE_PAID.ordinal()] = text(s.medicalInsurancePaid());
        v[CsvColumn.CO_PAY.ordinal()] = text(s.coPay());
        v[CsvColumn.OUT_OF_POLICY.ordinal()] = text(s.outOfPolicy());
        v[CsvColumn.DEDUCTIBLE_PART.ordinal()] = text(s.deductiblePart());
        v[CsvColumn.PROPORTIONAL_CO_PAY.ordinal()] = text(s.proportionalCoPay());
        v[CsvColumn.SETTLED_THROUGH_MEDICAL_INSURANCE.ordinal()] = text(s.settledThroughMedicalInsurance());
        v[CsvColumn.CAUSE.ordinal()] = text(s.cause());
        v[CsvColumn.LIABILITY_SHARE.ordinal()] = text(s.liabilityShare());
        v[CsvColumn.STAY_EXCLUSIONS.ordinal()] = codes(s.exclusions());
        return v;
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal b) {
            return b.toPlainString();
        }
        if (value instanceof Boolean b) {
            return b ? "true" : "false";
        }
        return value.toString();
    }

    /** Exclusion codes separated by {@code ;}; blank for none. */
    private static String codes(Collection<Exclusion> codes) {
        return codes.isEmpty() ? null : codes.stream().map(Exclusion::name)
                .collect(Collectors.joining(CsvPopulation.LIST_SEPARATOR));
    }

    /** One line: the values in column order, a null one blank. */
    private void row(String[] values) {
        try {
            csv.writeStartArray();
            for (String v : values) {
                csv.writeString(v == null ? "" : v);
            }
            csv.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            csv.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
