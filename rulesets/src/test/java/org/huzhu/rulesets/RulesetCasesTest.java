package org.huzhu.rulesets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.huzhu.api.SubsidyEngine;
import org.huzhu.engine.RulesetSource;
import org.huzhu.engine.cases.CaseFiles;
import org.huzhu.engine.cases.CaseResult;
import org.huzhu.engine.cases.CaseRunner;
import org.huzhu.engine.cases.TestCase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every bundled ruleset's case files, each case as its own test in the Surefire report, then checks that
 * every rule of every ruleset fired in some case.
 */
class RulesetCasesTest {
    private static final Path ROOT = Path.of(System.getProperty("huzhu.rulesets", "."));
    private static final SubsidyEngine ENGINE = SubsidyEngine.builder().classpathRulesets(false)
            .addRulesetFolder(ROOT).build();
    private static final ConcurrentLinkedQueue<CaseResult> RESULTS = new ConcurrentLinkedQueue<>();

    @TestFactory
    Stream<DynamicNode> cases() {
        CaseRunner runner = new CaseRunner(ENGINE);
        List<DynamicNode> rulesets = new ArrayList<>();
        for (RulesetSource source : RulesetSource.fromFolder(ROOT)) {
            String id = source.rulesetId();
            List<DynamicNode> files = new ArrayList<>();
            source.cases().forEach((path, text) -> {
                List<DynamicNode> tests = new ArrayList<>();
                for (TestCase c : CaseFiles.read(id + "/" + path, text, id)) {
                    tests.add(DynamicTest.dynamicTest(c.name(), () -> {
                        CaseResult r = runner.run(c);
                        RESULTS.add(r);
                        assertThat(r.failures()).as(c.name()).isEmpty();
                    }));
                }
                files.add(DynamicContainer.dynamicContainer(path, tests));
            });
            rulesets.add(DynamicContainer.dynamicContainer(id, files));
        }
        assertThat(rulesets).as("rulesets found under " + ROOT.toAbsolutePath()).isNotEmpty();
        return rulesets.stream();
    }

    @Test
    void everyRulesetHasCases() {
        for (RulesetSource source : RulesetSource.fromFolder(ROOT)) {
            assertThat(source.cases()).as(source.rulesetId() + " case files").isNotEmpty();
        }
    }

    @AfterAll
    static void everyRuleFiredInSomeCase() {
        if (RESULTS.isEmpty()) {
            return;
        }
        Map<String, Set<String>> unfired = CaseRunner.unfiredRules(ENGINE, new ArrayList<>(RESULTS));
        unfired.forEach((id, rules) -> assertThat(rules).as("rules of " + id + " that no case fired").isEmpty());
    }
}
