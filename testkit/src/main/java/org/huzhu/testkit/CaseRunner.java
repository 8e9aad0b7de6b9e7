package org.huzhu.testkit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.huzhu.api.AmountRange;
import org.huzhu.api.Benefit;
import org.huzhu.api.Decision;
import org.huzhu.api.HuzhuException;
import org.huzhu.api.ReasonCode;
import org.huzhu.api.RulesetInfo;
import org.huzhu.api.SubsidyEngine;

/** Runs test cases against an engine and compares each decision with the case's expectation. */
public final class CaseRunner {
    private final SubsidyEngine engine;

    public CaseRunner(SubsidyEngine engine) {
        this.engine = engine;
    }

    public CaseResult run(TestCase c) {
        long start = System.nanoTime();
        List<String> failures = new ArrayList<>();
        if (c.inputError() != null) {
            failures.add("cannot read the case: " + c.inputError());
            return new CaseResult(c, null, failures, 0);
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
            compare(e, decision, failures);
            checkKindsDeclared(e, decision, failures);
        }
        return new CaseResult(c, decision, failures, (System.nanoTime() - start) / 1_000_000);
    }

    private void compare(TestCase.Expectation e, Decision d, List<String> failures) {
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
            List<String> actual = d.rejections().stream().map(r -> r.code() + ": " + english(d, r.message())).toList();
            for (String wanted : e.rejections()) {
                if (d.rejections().stream().noneMatch(r -> matches(wanted, r.code(), english(d, r.message())))) {
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
                if (d.reviewFlags().stream().noneMatch(f -> matches(wanted, f.code(), english(d, f.message())))) {
                    failures.add("expected a review flag " + describe(wanted) + ", actual flags: " + d.reviewFlags()
                            .stream().map(f -> f.code() + ": " + english(d, f.message())).toList());
                }
            }
        }
        if (e.warnings() != null) {
            for (String wanted : e.warnings()) {
                if (d.warnings().stream().noneMatch(w -> matches(wanted, w.code(), english(d, w.message())))) {
                    failures.add("expected a warning " + describe(wanted) + ", actual warnings: " + d.warnings()
                            .stream().map(w -> w.code() + ": " + english(d, w.message())).toList());
                }
            }
            if (e.warnings().isEmpty() && !d.warnings().isEmpty()) {
                failures.add("expected no warning, actual: " + d.warnings().stream().map(w -> w.code() + ": " + english(d, w.message())).toList());
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
    private String english(Decision d, org.huzhu.api.Message m) {
        return engine.texts(d).render(m, org.huzhu.api.Language.EN);
    }

    private static String describe(String token) {
        return ReasonCode.isCode(token) ? "with code " + token : "containing '" + token + "'";
    }

    /** Expected benefit kinds must be kinds the ruleset declares: a misspelt kind would pass as "absent or 0". */
    private void checkKindsDeclared(TestCase.Expectation e, Decision d, List<String> failures) {
        RulesetInfo info = engine.rulesets().stream().filter(r -> r.id().equals(d.rulesetId())).findFirst()
                .orElse(null);
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

    /** Rule coverage: for each ruleset id, the rules no case fired. */
    public static Map<String, Set<String>> unfiredRules(SubsidyEngine engine, List<CaseResult> results) {
        Map<String, Set<String>> unfired = new java.util.TreeMap<>();
        Set<String> tested = new LinkedHashSet<>();
        for (CaseResult r : results) {
            if (r.decision() != null) {
                tested.add(r.decision().rulesetId());
            }
        }
        engine.rulesets().forEach(info -> {
            if (tested.contains(info.id())) {
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
