package org.huzhu.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.huzhu.api.SubsidyEngine;
import org.huzhu.engine.internal.RulesetSource;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * The entry point a ruleset repository calls from a JUnit 5 {@code @TestFactory}:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> cases() {
 *     return HuzhuCases.dynamicTests(Path.of("rulesets"));
 * }
 * }</pre>
 *
 * Each case of each ruleset's case files is its own test (ruleset / file / case in the report). A ruleset with no
 * case files fails, and a last test fails when a rule of a tested ruleset fired in no case.
 */
public final class HuzhuCases {
    private HuzhuCases() {
    }

    /** The folder's rulesets only (not the classpath's), each checked and compiled once. */
    public static Stream<DynamicNode> dynamicTests(Path rulesetsRoot) {
        SubsidyEngine engine = SubsidyEngine.builder().classpathRulesets(false).addRulesetFolder(rulesetsRoot)
                .build();
        CaseRunner runner = new CaseRunner(engine);
        ConcurrentLinkedQueue<CaseResult> results = new ConcurrentLinkedQueue<>();
        List<DynamicNode> nodes = new ArrayList<>();
        for (RulesetSource source : RulesetSource.fromFolder(rulesetsRoot)) {
            String id = source.rulesetId();
            List<DynamicNode> files = new ArrayList<>();
            files.add(DynamicTest.dynamicTest("has case files",
                    () -> assertTrue(!source.cases().isEmpty(), id + " case files")));
            source.cases().forEach((path, text) -> {
                List<DynamicNode> tests = new ArrayList<>();
                for (TestCase c : CaseFiles.read(id + "/" + path, text, id)) {
                    tests.add(DynamicTest.dynamicTest(c.name(), () -> {
                        CaseResult r = runner.run(c);
                        results.add(r);
                        assertTrue(r.failures().isEmpty(), () -> c.name() + ": " + r.failures());
                    }));
                }
                files.add(DynamicContainer.dynamicContainer(path, tests));
            });
            nodes.add(DynamicContainer.dynamicContainer(id, files));
        }
        assertTrue(!nodes.isEmpty(), () -> "rulesets found under " + rulesetsRoot.toAbsolutePath());
        // Dynamic nodes run in stream order, so this runs after every case above (skipped if none ran).
        nodes.add(DynamicTest.dynamicTest("every rule fired in some case", () -> {
            if (results.isEmpty()) {
                return;
            }
            Map<String, Set<String>> unfired = CaseRunner.unfiredRules(engine, new ArrayList<>(results));
            unfired.forEach((rid, rules) -> assertTrue(rules.isEmpty(),
                    () -> "rules of " + rid + " that no case fired: " + rules));
        }));
        return nodes.stream();
    }
}
