package org.huzhu.examples;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.huzhu.testkit.HuzhuCases;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the case files of the example reforms ({@code reforms/cases/*.yaml}) through the testkit: each case names its
 * reform and is decided by an engine holding it on top of the bundled rulesets, so a policy proposal's expected
 * outcomes are checked in the build like a ruleset's.
 */
class ReformCasesTest {
    @TestFactory
    Stream<DynamicNode> reformCases() {
        return HuzhuCases.dynamicTests(Path.of("reforms"));
    }
}
