package org.huzhu.api;

import java.time.LocalDate;
import java.util.Set;

/**
 * A diagnosis of a (critical) illness.
 *
 * @param illnessCode               the scheme's code for the illness, e.g. {@code MALIGNANT_TUMOUR}
 * @param firstDiagnosisDate        date of first diagnosis (首次确诊)
 * @param carcinomaInSitu           原位癌
 * @param preExisting               the illness was present before enrolment (参保前已患)
 * @param diagnosedAtQualifiedHospital diagnosed at a hospital of the grade the scheme requires; default true
 * @param exclusions                exclusion facts, e.g. concealed history or misdiagnosis
 */
public record Diagnosis(
        String illnessCode,
        LocalDate firstDiagnosisDate,
        boolean carcinomaInSitu,
        boolean preExisting,
        Boolean diagnosedAtQualifiedHospital,
        Set<Exclusion> exclusions) {

    public Diagnosis {
        Checks.requiredText(illnessCode, "illnessCode");
        Checks.required(firstDiagnosisDate, "firstDiagnosisDate");
        diagnosedAtQualifiedHospital = diagnosedAtQualifiedHospital == null ? Boolean.TRUE
                : diagnosedAtQualifiedHospital;
        exclusions = Checks.set(exclusions, Exclusion.class, "exclusions");
    }
}
