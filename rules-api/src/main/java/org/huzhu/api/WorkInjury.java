package org.huzhu.api;

import java.time.LocalDate;
import java.util.Set;

/**
 * A work injury (工伤) with its determination (认定工伤决定书) and disability assessment (劳动能力鉴定).
 *
 * @param date            date of the injury
 * @param disabilityGrade 伤残等级 1 (most severe) .. 10; may be null when {@code death} is true
 * @param death           工亡
 * @param exclusions      exclusion facts that apply
 */
public record WorkInjury(LocalDate date, Integer disabilityGrade, boolean death, Set<Exclusion> exclusions) {
    public WorkInjury {
        Checks.required(date, "date");
        if (disabilityGrade != null && (disabilityGrade < 1 || disabilityGrade > 10)) {
            throw new InvalidInputException("disabilityGrade", "must be 1..10, was " + disabilityGrade);
        }
        if (disabilityGrade == null && !death) {
            throw new InvalidInputException("disabilityGrade", "is required unless death is true");
        }
        exclusions = Checks.set(exclusions, Exclusion.class, "exclusions");
    }
}
