package org.huzhu.testkit;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.huzhu.api.AmountRange;
import org.huzhu.api.Benefit;
import org.huzhu.api.Decision;
import org.huzhu.api.HuzhuException;
import org.huzhu.api.ReasonCode;
import org.huzhu.api.RulesetException;
import org.huzhu.api.RulesetInfo;
import org.huzhu.api.SubsidyEngine;

/**
 * Runs test cases against an engine and compares each decision with the case's expectation. A case that carries a
 * reform ({@link TestCase#reform()}) is decided by an engine holding that reform on top of the same rulesets, built
 * once per reform file.
 */
public final class CaseRunner {
    private final SubsidyEngine engine;
    private final Supplier<SubsidyEngine.Builder> rulesets;
    /** Per reform file: the engine holding it, or why it could not be built. */
    private final Map<Path, Object> reformEngines = new ConcurrentHashMap<>();

    /** A runner whose reform cases stand on the bundled rulesets only. */
    public CaseRunner(SubsidyEngine engine) {
        this(engine, SubsidyEngine::builder);
    }

    /**
     * A runner for {@code engine}'s cases; {@code rulesets} gives a builder that loads the same rulesets, to which a
     * reform case's reform is added.
     */
    public CaseRunner(SubsidyEngine engine, Supplier<SubsidyEngine.Builder> rulesets) {
        this.engine = engine;
        this.rulesets = rulesets;
    }

    public CaseResult run(TestCase c) {
        long start = System.nanoTime();
        List<String> failures = new ArrayList<>();
        if (c.inputError() != null) {
            failures.add("cannot read the case: " + c.inputError());
            return new CaseResult(c, null, failures, 0);
        }
        SubsidyEngine engine = this.engine;
        if (c.reform() != null) {
            Object built = reformEngines.computeIfAbsent(c.reform().toAbsolutePath().normalize(),
                    k -> withReform(c.reform()));
            if (built instanceof String refused) {
                failures.add(refused);
                return new CaseResult(c, null, failures, 0);
            }
            engine = (SubsidyEngine) built;
        }
        TestCase.Expectation e = c.expectation();
        Decision decision = null;
        try {
            decision = engine.evaluate(c.request());
            if (e.error() != null) {
                failures.add("expected an error containing '" + e.error() + "', got a decision " + summary(decision));
            }
        } catch (HuzhuException ex) {
            if (e.error() == null) {
                failures.add("unexpected error: " + ex.getMessage());
            } else if (!ex.getMessage().contains(e.error())) {
                failures.add("expected an error containing '" + e.error() + "', got: " + ex.getMessage());
            }
        }
        if (decision != null && e.error() == null) {
            compare(engine, e, decision, failures);
            checkKindsDeclared(engine, e, decision, failures);
        }
        return new CaseResult(c, decision, failures, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * An engine holding the reform on top of the runner's rulesets, or the failure every case of the reform gets: the
     * reform's own errors (those naming its file or its rules), else every ruleset error of the build.
     */
    private Object withReform(Path reform) {
        List<RulesetException> errors = new ArrayList<>();
        SubsidyEngine built = rulesets.get().reform(reform).onRulesetError(errors::add).build();
        String file = reform.toString();
        boolean loaded = built.rulesets().stream().anyMatch(r -> r.reform() != null && r.origin().equals(file));
        if (loaded) {
            return built;
        }
        Path folder = reform.getParent() == null ? Path.of(".") : reform.getParent();
        List<String> own = errors.stream().map(RulesetException::getMessage)
                .filter(m -> m.startsWith(file) || m.startsWith(folder + "/rules/")).toList();
        return "reform refused: " + String.join("; ", own.isEmpty() ? errors.stream()
                .map(RulesetException::getMessage).toList() : own);
    }

    private void compare(SubsidyEngine engine, TestCase.Expectation e, Decision d, List<String> failures) {
        java.util.function.Function<org.huzhu.api.Message, String> english = m -> english(engine, d, m);
        Set<String> kinds = new LinkedHashSet<>();
        d.benefits().forEach(b -> kinds.add(b.kind()));
        kinds.addAll(e.benefits().keySet());
        kinds.addAll(e.ranges().keySet());
        for (String kind : kinds) {
            AmountRange expectedRange = e.ranges().get(kind);
            AmountRange actualRange = d.benefits().stream().filter(b -> b.kind().equals(kind))
                    .map(Benefit::range).filter(r -> r != null).findFirst().orElse(null);
            if (expectedRange != null || actualRange != null) {
                if (expectedRange == null || actualRange == null
                        || expectedRange.min().compareTo(actualRange.min()) != 0
                        || expectedRange.max().compareTo(actualRange.max()) != 0) {
                    failures.add(kind + ": expected " + range(expectedRange) + ", actual " + range(actualRange));
                }
                continue;
            }
            BigDecimal expected = e.benefits().getOrDefault(kind, BigDecimal.ZERO);
            BigDecimal actual = d.amountOf(kind);
            if (expected.compareTo(actual) != 0) {
                failures.add(kind + ": expected " + expected.toPlainString() + ", actual " + actual.toPlainString());
            }
        }
        if (e.rejections() != null) {
            List<String> actual = d.rejections().stream().map(r -> r.code() + ": " + english.apply(r.message())).toList();
            for (String wanted : e.rejections()) {
                if (d.rejections().stream().noneMatch(r -> matches(wanted, r.code(), english.apply(r.message())))) {
                    failures.add("expected a rejection " + describe(wanted) + ", actual rejections: " + actual);
                }
            }
            if (e.rejections().isEmpty() && !d.rejections().isEmpty()) {
                failures.add("expected no rejection, actual: " + actual);
            }
        }
        if (e.review() != null && e.review() != d.needsReview()) {
            failures.add("expected review " + e.review() + ", actual " + d.needsReview());
        }
        if (e.reviewFlags() != null) {
            for (String wanted : e.reviewFlags()) {
                if (d.reviewFlags().stream().noneMatch(f -> matches(wanted, f.code(), english.apply(f.message())))) {
                    failures.add("expected a review flag " + describe(wanted) + ", actual flags: " + d.reviewFlags()
                            .stream().map(f -> f.code() + ": " + english.apply(f.message())).toList());
                }
            }
        }
        if (e.warnings() != null) {
            for (String wanted : e.warnings()) {
                if (d.warnings().stream().noneMatch(w -> matches(wanted, w.code(), english.apply(w.message())))) {
                    failures.add("expected a warning " + describe(wanted) + ", actual warnings: " + d.warnings()
                            .stream().map(w -> w.code() + ": " + english.apply(w.message())).toList());
                }
            }
            if (e.warnings().isEmpty() && !d.warnings().isEmpty()) {
                failures.add("expected no warning, actual: " + d.warnings().stream().map(w -> w.code() + ": " + english.apply(w.message())).toList());
            }
        }
        if (e.version() != null && !e.version().equals(d.version())) {
            failures.add("expected version " + e.version() + ", actual " + d.version() + " (" + d.rulesetId() + ")");
        }
    }

    /**
     * How a case's expected token matches a rejection, review flag or warning: the name of a {@link ReasonCode}
     * matches its code; any other text must be a substring of its message (the text matching cases used before
     * codes). Codes and messages cannot be confused: no message is written as a bare code name.
     */
    public static boolean matches(String token, ReasonCode code, String message) {
        return ReasonCode.isCode(token) ? code == ReasonCode.of(token) : message.contains(token);
    }

    /** Case files match the English text of a message (rendered only here, when a case asks). */
    private static String english(SubsidyEngine engine, Decision d, org.huzhu.api.Message m) {
        return engine.texts(d).render(m, org.huzhu.api.Language.EN);
    }

    private static String describe(String token) {
        return ReasonCode.isCode(token) ? "with code " + token : "containing '" + token + "'";
    }

    /** Expected benefit kinds must be kinds the ruleset declares: a misspelt kind would pass as "absent or 0". */
    private static void checkKindsDeclared(SubsidyEngine engine, TestCase.Expectation e, Decision d,
                                           List<String> failures) {
        RulesetInfo info = engine.ruleset(d);
        if (info == null) {
            return;
        }
        Set<String> expected = new LinkedHashSet<>(e.benefits().keySet());
        expected.addAll(e.ranges().keySet());
        for (String kind : expected) {
            if (!info.declares(kind)) {
                failures.add("expect.benefits names " + kind + ", which " + info.id() + " does not declare "
                        + "(benefits: " + String.join(", ", info.benefits().stream().map(b -> b.kind()).toList())
                        + ")");
            }
        }
    }

    private static String range(AmountRange r) {
        return r == null ? "no range" : "range " + r.min().toPlainString() + ".." + r.max().toPlainString();
    }

    private static String summary(Decision d) {
        StringBuilder b = new StringBuilder("{");
        for (Benefit x : d.benefits()) {
            b.append(x.kind()).append('=').append(x.amount() == null ? range(x.range()) : x.amount().toPlainString())
                    .append(' ');
        }
        d.rejections().forEach(r -> b.append("rejected: ").append(r.code()).append(' ').append(r.message())
                .append(' '));
        return b.toString().trim() + "}";
    }

    /**
     * One version's rule coverage, as {@code huzhu test} and the testkit's JUnit tests print it:
     * {@code rule coverage quzhou@2015: 3/4 (75%)}. Digits are ASCII whatever the locale.
     */
    public static String coverage(RulesetInfo info, Set<String> unfired) {
        int total = info.rules().size();
        int fired = total - unfired.size();
        return String.format(java.util.Locale.ROOT, "rule coverage %s: %d/%d (%d%%)", info.id(), fired, total,
                total == 0 ? 100 : Math.round(100.0 * fired / total));
    }

    /**
     * Rule coverage: for each ruleset id, the rules no case fired. Decisions under a reform are left out: they are
     * not the version's rules as it is.
     */
    public static Map<String, Set<String>> unfiredRules(SubsidyEngine engine, List<CaseResult> results) {
        Map<String, Set<String>> unfired = new java.util.TreeMap<>();
        Set<String> tested = new LinkedHashSet<>();
        results = results.stream().filter(r -> r.decision() == null || r.decision().reform() == null).toList();
        for (CaseResult r : results) {
            if (r.decision() != null) {
                tested.add(r.decision().rulesetId());
            }
        }
        engine.rulesets().forEach(info -> {
            if (info.reform() == null && tested.contains(info.id())) {
                unfired.put(info.id(), new java.util.TreeSet<>(info.rules()));
            }
        });
        for (CaseResult r : results) {
            if (r.decision() != null) {
                Set<String> left = unfired.get(r.decision().rulesetId());
                if (left != null) {
                    r.decision().rulesFired().forEach(left::remove);
                }
            }
        }
        return unfired;
    }
}
