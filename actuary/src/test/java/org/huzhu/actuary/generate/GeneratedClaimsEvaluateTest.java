package org.huzhu.actuary.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.huzhu.api.Benefit;
import org.huzhu.api.BenefitKind;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.EvaluationResult;
import org.huzhu.api.NoVersionInForceException;
import org.huzhu.api.Rejection;
import org.huzhu.api.RulesetInfo;
import org.huzhu.api.SubsidyEngine;
import org.huzhu.api.ruleset.Parameter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generated claims are valid input and the engine decides every one under its scheme's version in force, for every
 * bundled scheme and each of its versions' coverage years; the bundled shapes agree with the rulesets they stand for.
 */
class GeneratedClaimsEvaluateTest {
    /** The bundled rulesets, from the working tree (the rulesets module is not on this module's path). */
    private static SubsidyEngine engine;

    @BeforeAll
    static void engine() {
        engine = SubsidyEngine.builder().addRulesetFolder(Path.of("..", "rulesets")).build();
    }

    /** Every bundled scheme in its default year, and the other coverage years its versions cover. */
    static List<Arguments> schemeYears() {
        List<Arguments> years = new ArrayList<>();
        for (String scheme : Shape.bundledSchemes()) {
            Shape shape = Shape.of(scheme);
            int first = shape.coverage().firstYear();
            int last = shape.coverage().lastYear() == null ? first + 1 : shape.coverage().lastYear();
            years.add(Arguments.of(scheme, shape.year(), 3_000));
            for (int y = first; y <= last; y++) {
                if (y != shape.year()) {
                    years.add(Arguments.of(scheme, y, 1_000));
                }
            }
        }
        return years;
    }

    @ParameterizedTest(name = "{0} {1}: {2} claims")
    @MethodSource("schemeYears")
    void everyGeneratedClaimIsDecidedWithoutAnError(String scheme, int year, int claims) {
        Shape shape = Shape.of(scheme, null, Map.of("year", year));
        List<EvaluationRequest> requests = new PopulationGenerator(scheme, shape, 31L * year).stream(claims).toList();
        List<EvaluationResult> results = engine.evaluateAll(requests);

        Map<String, Long> errors = results.stream().filter(r -> r.error() != null)
                .collect(Collectors.groupingBy(r -> r.error().code() + ": " + r.error().message(), TreeMap::new,
                        Collectors.counting()));
        assertThat(errors).as("errors").isEmpty();
        assertThat(results).hasSize(claims).allMatch(r -> r.decision() != null);
        // Each decided by a version whose dates hold the claim (not a what-if).
        assertThat(results).allMatch(r -> !r.decision().whatIf());

        // The shape exercises what the scheme pays: every benefit kind the deciding versions declare is granted
        // or refused by some claim.
        Set<String> touched = new TreeSet<>();
        Set<String> declared = new TreeSet<>();
        for (EvaluationResult r : results) {
            r.decision().benefits().stream().map(Benefit::kind).forEach(touched::add);
            r.decision().rejections().stream().map(Rejection::kind).filter(k -> k != null).forEach(touched::add);
            engine.rulesets().stream().filter(i -> i.id().equals(r.decision().rulesetId())).findFirst()
                    .ifPresent(i -> i.benefits().stream().map(BenefitKind::kind).forEach(declared::add));
        }
        assertThat(touched).as("benefit kinds granted or refused").containsAll(declared);
    }

    /**
     * A bundled shape's coverage years are those the versions cover from first day to last: the year before the
     * first and the year after the last are not covered whole.
     */
    @ParameterizedTest
    @MethodSource("schemes")
    void theShapesCoverageYearsAreTheVersionsOwn(String scheme) {
        Shape shape = Shape.of(scheme);
        Shape.Coverage c = shape.coverage();
        int last = c.lastYear() == null ? c.firstYear() + 5 : c.lastYear();
        for (int y = c.firstYear(); y <= last; y++) {
            Shape year = Shape.of(scheme, null, Map.of("year", y));
            assertThat(coveredWhole(scheme, year.yearStart(), year.yearEnd())).as(scheme + " " + y).isTrue();
        }
        LocalDate before = shape.yearStart().withYear(c.firstYear() - 1);
        assertThat(coveredWhole(scheme, before, before.plusYears(1).minusDays(1))).as("the year before").isFalse();
        if (c.lastYear() != null) {
            LocalDate after = shape.yearStart().withYear(c.lastYear() + 1);
            assertThat(coveredWhole(scheme, after, after.plusYears(1).minusDays(1))).as("the year after").isFalse();
        } else {
            assertThat(engine.rulesets().stream().filter(r -> r.scheme().equals(scheme))
                    .anyMatch(r -> r.effectiveTo() == null)).as("open-ended").isTrue();
        }
    }

    static List<String> schemes() {
        return Shape.bundledSchemes();
    }

    private static boolean coveredWhole(String scheme, LocalDate from, LocalDate to) {
        try {
            engine.resolve(scheme, from);
            engine.resolve(scheme, to);
            // Versions do not overlap and follow each other; a gap inside a year would show at a version's end.
            return engine.rulesets().stream().filter(r -> r.scheme().equals(scheme) && r.effectiveTo() != null)
                    .noneMatch(r -> !r.effectiveTo().isBefore(from) && r.effectiveTo().isBefore(to)
                            && !inForce(scheme, r.effectiveTo().plusDays(1)));
        } catch (NoVersionInForceException e) {
            return false;
        }
    }

    private static boolean inForce(String scheme, LocalDate day) {
        try {
            engine.resolve(scheme, day);
            return true;
        } catch (NoVersionInForceException e) {
            return false;
        }
    }

    /** The codes a bundled shape lists are the rulesets' own lists, so that "listed" means listed. */
    @org.junit.jupiter.api.Test
    void theBundledShapesListsAreTheRulesetsParameters() {
        assertThat(Shape.of("wujin").events().criticalIllness().listed())
                .containsExactlyInAnyOrderElementsOf(codes("wujin", "criticalIllnesses"));
        assertThat(Shape.of("wujin").stays().exclusions().codes()).extracting(Enum::name)
                .containsExactlyInAnyOrderElementsOf(codes("wujin", "inpatientExclusions"));
        assertThat(Shape.of("wujin").events().criticalIllness().exclusions().codes()).extracting(Enum::name)
                .containsExactlyInAnyOrderElementsOf(codes("wujin", "criticalIllnessExclusions"));
        assertThat(Shape.of("wujin").events().workInjury().exclusions().codes()).extracting(Enum::name)
                .isSubsetOf(codes("wujin", "inpatientExclusions"));
        assertThat(Shape.of("huzhou").events().criticalIllness().listed())
                .containsExactlyInAnyOrderElementsOf(codes("huzhou", "criticalIllnesses"));
        assertThat(Shape.of("hunan").stays().exclusions().codes()).extracting(Enum::name)
                .containsExactlyInAnyOrderElementsOf(codes("hunan", "careExclusions"));
        assertThat(Shape.of("hunan").events().criticalIllness().exclusions().codes()).extracting(Enum::name)
                .isSubsetOf(codes("hunan", "careExclusions"));
        assertThat(Shape.of("changchun").events().accidentInjury().listed())
                .containsExactlyInAnyOrderElementsOf(parameter("changchun", "accidentTable").table().keySet());
        // Unlisted means not listed.
        for (String scheme : List.of("wujin", "huzhou")) {
            assertThat(Shape.of(scheme).events().criticalIllness().unlisted()).as(scheme)
                    .doesNotContainAnyElementsOf(codes(scheme, "criticalIllnesses"));
        }
        assertThat(Shape.of("changchun").events().accidentInjury().unlisted())
                .doesNotContainAnyElementsOf(parameter("changchun", "accidentTable").table().keySet());
        assertThatThrownBy(() -> parameter("wujin", "noSuchParameter")).isInstanceOf(AssertionError.class);
    }

    private static List<String> codes(String scheme, String name) {
        return parameter(scheme, name).codes();
    }

    private static Parameter parameter(String scheme, String name) {
        RulesetInfo info = engine.rulesets().stream().filter(r -> r.scheme().equals(scheme))
                .reduce((a, b) -> b).orElseThrow();
        return info.parameters().stream().map(RulesetInfo.ParameterInForce::parameter)
                .filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(scheme + " has no parameter " + name));
    }
}
