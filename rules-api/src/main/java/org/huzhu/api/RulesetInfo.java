package org.huzhu.api;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.huzhu.api.ruleset.Parameter;

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
 * @param contentHash   the canonical SHA-256 of its metadata, parameters and DRL and those of every version it
 *                      extends (README, "Content hash")
 * @param origin        where it was loaded from
 * @param sources       source documents
 * @param rules         the names of its rules: read from its compiled rules, so an engine that compiles lazily
 *                      compiles the version when this set is first read (and throws its {@link RulesetException}
 *                      if it is refused)
 * @param benefits      the benefit kinds it declares (grants, refuses and reads from history), with display names
 * @param historyKinds  kinds of other schemes' payments it reads from the history, with display names
 * @param base          the version it extends ({@code scheme@version}), or null
 * @param parameters    the parameters in force, each with the version whose file sets it
 * @param ruleFiles     the rule files in force, each with the version it comes from
 * @param grammar       the DRL grammar version its rules are written for ({@code grammar} in ruleset.yaml, default 1)
 * @param baseOrigin    where the version it extends was read from (a folder path, or a classpath location for a
 *                      bundled version), or null if it extends none
 * @param replaced      where the earlier-loaded versions with the same {@code scheme@version} that it replaces were
 *                      read from, first loaded first (a folder version in place of a bundled one, a later folder in
 *                      place of an earlier one); empty if it replaces none
 * @param reform        for a reform loaded in place of its base version ({@link SubsidyEngine.Builder#reform}), what
 *                      it is; null for a ruleset version. A reform's entry has its base's scheme and version, the
 *                      dates it decides (from {@code appliesFrom}, or the base's start, to the base's end), its
 *                      own content hash and its file as {@code origin}
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
        List<BenefitKind> historyKinds,
        String base,
        List<ParameterInForce> parameters,
        List<RuleFile> ruleFiles,
        int grammar,
        String baseOrigin,
        List<String> replaced,
        Reform reform) {

    public RulesetInfo {
        replaced = replaced == null ? List.of() : List.copyOf(replaced);
        benefits = benefits == null ? List.of() : List.copyOf(benefits);
        historyKinds = historyKinds == null ? List.of() : List.copyOf(historyKinds);
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        ruleFiles = ruleFiles == null ? List.of() : List.copyOf(ruleFiles);
    }

    /** Without a base, parameters or rule files (the engine adds them from the ruleset). */
    public RulesetInfo(String scheme, String version, String nameZh, String nameEn, String region,
                       LocalDate effectiveFrom, LocalDate effectiveTo, String rounding, String contentHash,
                       String origin, List<String> sources, Set<String> rules, List<BenefitKind> benefits,
                       List<BenefitKind> historyKinds) {
        this(scheme, version, nameZh, nameEn, region, effectiveFrom, effectiveTo, rounding, contentHash, origin,
                sources, rules, benefits, historyKinds, null, List.of(), List.of(), 1, null, List.of(), null);
    }

    /**
     * A reform: a change of a version's figures or rules proposed outside the rulesets (README, "Reforms").
     *
     * @param name        its name, e.g. {@code shaoxing-70-40000}: what decisions under it are stamped with
     * @param description what it changes and why, as its file says
     * @param appliesFrom the first claim date it decides; claims dated before it stay under the base version. Null
     *                    when it replaces the base version on all of the base's dates
     */
    public record Reform(String name, String description, LocalDate appliesFrom) {
    }

    /**
     * A parameter as the version uses it.
     *
     * @param parameter its value, type, description and provenance
     * @param from      {@code scheme@version} of the version whose {@code parameters.yaml} sets it: the version
     *                  itself, or a base it extends; {@code reform NAME} for a figure a reform sets
     */
    public record ParameterInForce(Parameter parameter, String from) {
    }

    /**
     * A rule file as the version compiles it.
     *
     * @param path     relative path, e.g. {@code rules/main.drl}
     * @param from     {@code scheme@version} of the version that holds the file, or {@code reform NAME}
     * @param location where the file was read, e.g. {@code classpath:huzhu-rulesets/jinhua/phase1/rules/main.drl}
     */
    public record RuleFile(String path, String from, String location) {
    }

    /** Without declared kinds (the engine adds them from the ruleset's metadata). */
    public RulesetInfo(String scheme, String version, String nameZh, String nameEn, String region,
                       LocalDate effectiveFrom, LocalDate effectiveTo, String rounding, String contentHash,
                       String origin, List<String> sources, Set<String> rules) {
        this(scheme, version, nameZh, nameEn, region, effectiveFrom, effectiveTo, rounding, contentHash, origin,
                sources, rules, List.of(), List.of(), null, List.of(), List.of(), 1, null, List.of(), null);
    }

    /** Whether it declares the benefit kind. */
    public boolean declares(String kind) {
        return benefits.stream().anyMatch(b -> b.kind().equals(kind));
    }

    /** Whether a history payment of this kind means something to it: one of its kinds or a history kind. */
    public boolean readsFromHistory(String kind) {
        return declares(kind) || historyKinds.stream().anyMatch(b -> b.kind().equals(kind));
    }

    /**
     * Whether an {@link #origin()}, {@link #baseOrigin()} or {@link #replaced()} entry is a classpath location (a
     * bundled version, {@code classpath:huzhu-rulesets/scheme/version}) rather than a folder.
     */
    public static boolean isBundled(String origin) {
        return origin != null && origin.startsWith("classpath:");
    }

    public String id() {
        return scheme + "@" + version;
    }

    public boolean inForceOn(LocalDate date) {
        return !date.isBefore(effectiveFrom) && (effectiveTo == null || !date.isAfter(effectiveTo));
    }
}
