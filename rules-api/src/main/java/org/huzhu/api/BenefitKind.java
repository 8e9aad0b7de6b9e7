package org.huzhu.api;

/**
 * A benefit kind a ruleset declares, with its display names.
 *
 * @param kind the kind, as in {@link Benefit#kind()}, e.g. {@code INPATIENT_SUBSIDY}
 * @param zh   its Chinese name, e.g. 住院医疗费用补助金
 * @param en   its English name, e.g. inpatient subsidy
 */
public record BenefitKind(String kind, String zh, String en) {
    public BenefitKind {
        Checks.requiredText(kind, "kind");
        Checks.requiredText(zh, "zh");
        Checks.requiredText(en, "en");
    }
}
