package org.huzhu.engine;

import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.huzhu.api.BenefitKind;
import org.huzhu.api.CoveragePeriod;
import org.huzhu.api.InvalidInputException;
import org.huzhu.api.ruleset.Rounding;

/**
 * A ruleset version's {@code ruleset.yaml}.
 *
 * @param scheme    scheme id, lower case, e.g. {@code wujin}
 * @param version   version, e.g. {@code 2024}
 * @param name      names in Chinese and English
 * @param region    the region it applies in
 * @param effective the claim dates it applies to
 * @param coverage  how the coverage period is found
 * @param rounding  how granted amounts are rounded
 * @param sources   source documents
 * @param benefits  the benefit kinds it grants, refuses and reads from history, with display names; required, so
 *                  that a misspelt kind in a rule, a history or a case is an error, never a silent zero
 * @param historyKinds kinds of other schemes' payments its rules read from the history (Hunan deducts
 *                  MUTUAL_AID_SUBSIDY), with display names; a history payment of any kind outside these two
 *                  maps is an input error
 * @param base      {@code extends}: the version of the same scheme it is built on, or null
 * @param removeRules rule files of the base it leaves out, e.g. {@code rules/old.drl}
 * @param grammar   the version of the DRL grammar (the sandbox's subset and the helpers rules may call) its rules are
 *                  written for; optional, default 1; refused when higher than {@link #GRAMMAR}, the engine's own. Not
 *                  inherited: each version states what its own rules are written for
 */
record RulesetMetadata(String scheme, String version, Names name, String region, Effective effective,
                              Coverage coverage, RoundingSpec rounding, List<Source> sources,
                              Map<String, KindNames> benefits, Map<String, KindNames> historyKinds,
                              @JsonProperty("extends") String base, List<String> removeRules,
                              Integer grammar) {

    /** The highest DRL grammar version this engine knows. */
    public static final int GRAMMAR = 1;

    /**
     * Keys an extension takes from its base unless it gives them (each key whole: a {@code benefits} given
     * replaces the base's map, it does not add to it). Every other key is the version's own: {@code scheme},
     * {@code version}, {@code name} and {@code effective} are required in every {@code ruleset.yaml}.
     */
    public static final List<String> INHERITED = List.of("region", "coverage", "rounding", "sources", "benefits",
            "historyKinds");

    public RulesetMetadata {
        require(scheme, "scheme");
        require(version, "version");
        if (!scheme.matches("[a-z][a-z0-9-]*")) {
            throw new InvalidInputException("scheme", "must be lower-case letters, digits and '-', was '" + scheme + "'");
        }
        if (!version.matches("[A-Za-z0-9._-]+")) {
            throw new InvalidInputException("version", "must be letters, digits, '.', '_' or '-', was '" + version + "'");
        }
        require(name, "name");
        require(effective, "effective");
        require(rounding, "rounding");
        coverage = coverage == null ? new Coverage(true, null) : coverage;
        sources = sources == null ? List.of() : List.copyOf(sources);
        if (benefits == null || benefits.isEmpty()) {
            throw new InvalidInputException("benefits", "is required: declare each benefit kind with its names, "
                    + "e.g. {INPATIENT_SUBSIDY: {zh: 住院医疗费用补助金, en: inpatient subsidy}}");
        }
        benefits = kinds(benefits, "benefits");
        historyKinds = kinds(historyKinds == null ? Map.of() : historyKinds, "historyKinds");
        removeRules = removeRules == null ? List.of() : List.copyOf(removeRules);
        grammar = grammar == null ? 1 : grammar;
        if (grammar < 1 || grammar > GRAMMAR) {
            throw new InvalidInputException("grammar", "is " + grammar + ", but this engine knows DRL grammar 1"
                    + (GRAMMAR > 1 ? " to " + GRAMMAR : "") + " only: the ruleset is written for a newer engine");
        }
        for (String k : historyKinds.keySet()) {
            if (benefits.containsKey(k)) {
                throw new InvalidInputException("historyKinds." + k, "is already one of the ruleset's benefits");
            }
        }
    }

    private static Map<String, KindNames> kinds(Map<String, KindNames> in, String field) {
        Map<String, KindNames> out = new LinkedHashMap<>();
        in.forEach((kind, names) -> {
            if (!kind.matches("[A-Z][A-Z0-9_]*")) {
                throw new InvalidInputException(field + "." + kind, "a benefit kind is upper-case letters, digits "
                        + "and '_', e.g. INPATIENT_SUBSIDY");
            }
            if (names == null) {
                throw new InvalidInputException(field + "." + kind, "needs its names {zh, en}");
            }
            out.put(kind, names);
        });
        return Collections.unmodifiableMap(out);
    }

    private static void require(Object value, String field) {
        if (value == null) {
            throw new InvalidInputException(field, "is required");
        }
    }

    public String id() {
        return scheme + "@" + version;
    }

    /** Names of the scheme. */
    public record Names(String zh, String en) {
        public Names {
            require(zh, "name.zh");
            require(en, "name.en");
        }
    }

    /** Display names of a benefit kind. */
    public record KindNames(String zh, String en) {
        public KindNames {
            require(zh, "zh");
            require(en, "en");
        }
    }

    /** The declared benefit kinds, in declaration order. */
    public List<BenefitKind> benefitKinds() {
        return benefits.entrySet().stream()
                .map(e -> new BenefitKind(e.getKey(), e.getValue().zh(), e.getValue().en())).toList();
    }

    /** The history kinds from other schemes, in declaration order. */
    public List<BenefitKind> historyBenefitKinds() {
        return historyKinds.entrySet().stream()
                .map(e -> new BenefitKind(e.getKey(), e.getValue().zh(), e.getValue().en())).toList();
    }

    /** The claim dates the version applies to, inclusive; {@code to} may be null (open-ended). */
    public record Effective(LocalDate from, LocalDate to) {
        public Effective {
            require(from, "effective.from");
            if (to != null && to.isBefore(from)) {
                throw new InvalidInputException("effective.to", "is before effective.from");
            }
        }
    }

    /**
     * How the claim's coverage period is found. With {@code requiresEnrolment} the member must hold an enrolment
     * in the scheme covering the claim date, and its period is the coverage period; otherwise the coverage
     * period is the scheme year starting on {@code yearStarts} (MM-dd, default 01-01) that holds the claim date.
     */
    public record Coverage(boolean requiresEnrolment, String yearStarts) {
        public CoveragePeriod yearContaining(LocalDate date) {
            MonthDay start = MonthDay.parse("--" + (yearStarts == null ? "01-01" : yearStarts));
            LocalDate from = start.atYear(date.getYear());
            if (from.isAfter(date)) {
                from = start.atYear(date.getYear() - 1);
            }
            return new CoveragePeriod(from, from.plusYears(1).minusDays(1));
        }
    }

    /** Rounding: decimal places, a {@link RoundingMode} name, and the rule in words. */
    public record RoundingSpec(Integer scale, String mode, String description) {
        public RoundingSpec {
            require(scale, "rounding.scale");
            require(mode, "rounding.mode");
            require(description, "rounding.description");
            try {
                RoundingMode.valueOf(mode);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("rounding.mode", "unknown rounding mode '" + mode
                        + "' (use HALF_UP, DOWN, ...)");
            }
        }

        public Rounding toRounding() {
            return new Rounding(scale, RoundingMode.valueOf(mode), description);
        }
    }

    /** A source document. */
    public record Source(String document, String title, String url) {
    }
}
