package org.huzhu.rulesets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.huzhu.api.Decision;
import org.huzhu.api.ReasonCode;
import org.huzhu.api.SubsidyEngine;
import org.huzhu.engine.internal.RulesetSource;
import org.huzhu.testkit.CaseFiles;
import org.huzhu.testkit.CaseRunner;
import org.huzhu.testkit.TestCase;
import org.junit.jupiter.api.Test;

/**
 * The reason codes are the set the bundled rulesets use: every code appears in some bundled case's decision, so
 * the list in {@link ReasonCode} holds no code nothing gives (and each has a case showing where it comes from).
 */
class ReasonCodesUsedTest {
    private static final Path ROOT = Path.of(System.getProperty("huzhu.rulesets", "."));

    @Test
    void everyCodeIsGivenByABundledCase() {
        SubsidyEngine engine = SubsidyEngine.builder().classpathRulesets(false).addRulesetFolder(ROOT).build();
        CaseRunner runner = new CaseRunner(engine);
        Set<ReasonCode> seen = EnumSet.noneOf(ReasonCode.class);
        for (RulesetSource source : RulesetSource.fromFolder(ROOT)) {
            String id = source.rulesetId();
            source.cases().forEach((path, text) -> {
                for (TestCase c : CaseFiles.read(id + "/" + path, text, id)) {
                    Decision d = runner.run(c).decision();
                    if (d != null) {
                        d.rejections().forEach(r -> seen.add(r.code()));
                        d.reviewFlags().forEach(f -> seen.add(f.code()));
                        d.warnings().forEach(w -> seen.add(w.code()));
                    }
                }
            });
        }
        assertThat(EnumSet.complementOf(EnumSet.copyOf(seen))).as("codes no bundled case gives").isEmpty();
    }
}
