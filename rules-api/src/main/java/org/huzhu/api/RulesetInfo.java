package org.huzhu.api;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * What the engine knows about one loaded ruleset version.
 *
 * @param scheme        scheme id
 * @param version       version
 * @param nameZh        Chinese name
 * @param nameEn        English name
 * @param region        region
 * @param effectiveFrom first claim date it applies to
 * @param effectiveTo   last claim date it applies to, or null if open-ended
 * @param rounding      the rounding it declares, in words
 * @param contentHash   SHA-256 of metadata, parameters and DRL
 * @param origin        where it was loaded from
 * @param sources       source documents
 * @param rules         the names of its rules
 * @param benefits      the benefit kinds it declares (grants, refuses and reads from history), with display names
 * @param historyKinds  kinds of other schemes' payments it reads from the history, with display names
 */
public record RulesetInfo(
        String scheme,
        String version,
        String nameZh,
        String nameEn,
        String region,
        LocalDate effectiveFrom,
        LocalDate effectiveTo,
        String rounding,
        String contentHash,
        String origin,
        List<String> sources,
        Set<String> rules,
        List<BenefitKind> benefits,
        List<BenefitKind> historyKinds) {

    public RulesetInfo {
        benefits = benefits == null ? List.of() : List.copyOf(benefits);
        historyKinds = historyKinds == null ? List.of() : List.copyOf(historyKinds);
    }

    /** Without declared kinds (the engine adds them from the ruleset's metadata). */
    public RulesetInfo(String scheme, String version, String nameZh, String nameEn, String region,
                       LocalDate effectiveFrom, LocalDate effectiveTo, String rounding, String contentHash,
                       String origin, List<String> sources, Set<String> rules) {
        this(scheme, version, nameZh, nameEn, region, effectiveFrom, effectiveTo, rounding, contentHash, origin,
                sources, rules, List.of(), List.of());
    }

    /** Whether it declares the benefit kind. */
    public boolean declares(String kind) {
        return benefits.stream().anyMatch(b -> b.kind().equals(kind));
    }

    /** Whether a history payment of this kind means something to it: one of its kinds or a history kind. */
    public boolean readsFromHistory(String kind) {
        return declares(kind) || historyKinds.stream().anyMatch(b -> b.kind().equals(kind));
    }

    public String id() {
        return scheme + "@" + version;
    }

    public boolean inForceOn(LocalDate date) {
        return !date.isBefore(effectiveFrom) && (effectiveTo == null || !date.isAfter(effectiveTo));
    }
}
