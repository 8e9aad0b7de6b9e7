package org.huzhu.api;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Optional;

/**
 * A union member (职工) and the statuses the schemes test.
 *
 * @param id                 the union system's member id
 * @param birthDate          for age rules (Changchun 16–60, Jinhua phase 3 working age); may be null where no
 *                           scheme asks
 * @param unionMember        holds union membership (工会会员)
 * @param hardshipRegistered registered in the union's hardship file (困难职工建档)
 * @param medicalInsurance   the basic MI the member holds; defaults to urban employees' MI
 * @param householdId        the household (家庭) for household-based schemes such as Huai'an; may be null
 * @param enrolments         the coverage periods bought, by scheme
 */
public record Member(
        String id,
        LocalDate birthDate,
        boolean unionMember,
        boolean hardshipRegistered,
        MedicalInsuranceType medicalInsurance,
        String householdId,
        List<Enrolment> enrolments) {

    public Member {
        Checks.requiredText(id, "member.id");
        medicalInsurance = medicalInsurance == null ? MedicalInsuranceType.URBAN_EMPLOYEE : medicalInsurance;
        enrolments = Checks.list(enrolments, "enrolments");
    }

    /** Age in whole years on the given date, or empty if the birth date is unknown. */
    public Optional<Integer> ageOn(LocalDate date) {
        return birthDate == null ? Optional.empty() : Optional.of(Period.between(birthDate, date).getYears());
    }

    /** The enrolment in the scheme whose coverage period contains the date. */
    public Optional<Enrolment> enrolmentCovering(String scheme, LocalDate date) {
        for (Enrolment e : enrolments) {   // a loop, not a stream: read for every claim evaluated
            if (e.covers(scheme, date)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
