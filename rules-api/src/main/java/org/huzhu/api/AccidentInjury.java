package org.huzhu.api;

import java.time.LocalDate;
import java.util.Set;

/**
 * An accidental injury (意外伤害) assessed by body part and severity, e.g. a fracture of the femur.
 *
 * @param date         date of the accident
 * @param bodyPart     the scheme's body-part code, e.g. {@code FEMUR}
 * @param severity     the scheme's severity code, e.g. {@code FRACTURE}
 * @param workRelated  true for a work injury (工伤), which non-work accident benefits exclude
 * @param exclusions   exclusion facts that apply
 */
public record AccidentInjury(LocalDate date, String bodyPart, String severity, boolean workRelated,
                             Set<Exclusion> exclusions) {
    public AccidentInjury {
        Checks.required(date, "date");
        Checks.requiredText(bodyPart, "bodyPart");
        Checks.requiredText(severity, "severity");
        exclusions = Checks.set(exclusions, Exclusion.class, "exclusions");
    }
}
