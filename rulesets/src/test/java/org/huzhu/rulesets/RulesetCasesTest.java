package org.huzhu.rulesets;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.huzhu.testkit.HuzhuCases;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every bundled ruleset's case files through the testkit, as a union's own ruleset repository would: each
 * case its own test in the Surefire report, a ruleset without cases fails, and so does a rule no case fired.
 */
class RulesetCasesTest {
    private static final Path ROOT = Path.of(System.getProperty("huzhu.rulesets", "."));

    @TestFactory
    Stream<DynamicNode> cases() {
        return HuzhuCases.dynamicTests(ROOT);
    }
}
