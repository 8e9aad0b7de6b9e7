package org.huzhu.api;

import java.time.LocalDate;
import java.util.List;

/**
 * A member's claim (补助申请). It carries every event the schemes pay for; a scheme reads the parts it knows.
 *
 * @param id              the union system's claim id
 * @param member          the claimant
 * @param claimDate       the date of the insured event (first admission, diagnosis, injury, death, fire): it
 *                        picks the scheme version in force and the coverage period. Never the system clock.
 * @param applicationDate the date of application (申请日期), for look-back windows such as Hunan's 12 months;
 *                        defaults to {@code claimDate}
 * @param stays           hospital stays and special-outpatient bills submitted with this claim
 * @param diagnosis       a (critical) illness diagnosis, or null
 * @param workInjury      a work injury with its grade, or null
 * @param death           the member's death, or null
 * @param accidentInjury  a non-work accidental injury, or null
 * @param fireLoss        a home fire loss, or null
 */
public record Claim(
        String id,
        Member member,
        LocalDate claimDate,
        LocalDate applicationDate,
        List<HospitalStay> stays,
        Diagnosis diagnosis,
        WorkInjury workInjury,
        Death death,
        AccidentInjury accidentInjury,
        FireLoss fireLoss) {

    public Claim {
        Checks.requiredText(id, "claim.id");
        Checks.required(member, "member");
        Checks.required(claimDate, "claimDate");
        applicationDate = applicationDate == null ? claimDate : applicationDate;
        Checks.notBefore(applicationDate, claimDate, "applicationDate", "claimDate");
        stays = Checks.list(stays, "stays");
        Limits.count(stays.size(), Limits.MAX_STAYS, "stays", "stays");
    }

    /** A claim for hospital stays only. */
    public static Claim ofStays(String id, Member member, LocalDate claimDate, List<HospitalStay> stays) {
        return new Claim(id, member, claimDate, null, stays, null, null, null, null, null);
    }
}
