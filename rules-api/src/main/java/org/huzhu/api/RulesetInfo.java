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
        Set<String> rules) {

    public String id() {
        return scheme + "@" + version;
    }

    public boolean inForceOn(LocalDate date) {
        return !date.isBefore(effectiveFrom) && (effectiveTo == null || !date.isAfter(effectiveTo));
    }
}
