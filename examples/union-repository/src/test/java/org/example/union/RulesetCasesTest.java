package org.example.union;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.huzhu.testkit.HuzhuCases;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** Every case of every ruleset under rulesets/ as its own test, plus each version's rule coverage. */
class RulesetCasesTest {
    @TestFactory
    Stream<DynamicNode> cases() {
        return HuzhuCases.dynamicTests(Path.of("rulesets"));
    }
}
