package org.huzhu.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.huzhu.api.RulesetInfo;
import org.huzhu.api.SubsidyEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RulesetInfo} says where a version, its base and the versions it replaced were read. */
class OriginsTest {
    static final String DRL = """
            package t;
            import org.huzhu.api.ruleset.ClaimContext;
            rule "Pays the amount"
                @clause("test clause")
            when
                $c : ClaimContext( $k : key )
            then
                $c.grant("TEST_BENEFIT", $c.money("amount"));
            end
            """;

    @TempDir
    Path dir;

    @Test
    void aLaterFolderReplacesAnEarlierOnesVersionAndAnExtensionNamesWhereItsBaseWasRead() throws IOException {
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        TestRulesets.write(first.resolve("test/1"), DRL);
        TestRulesets.write(second.resolve("test/1"), DRL);
        Path base = first.resolve("base/1");
        TestRulesets.write(base, "base", "TEST_BENEFIT", DRL);
        Path meta = base.resolve("ruleset.yaml");
        Files.writeString(meta, Files.readString(meta).replace("effective: {from: 2020-01-01}",
                "effective: {from: 2020-01-01, to: 2020-12-31}"));
        Path ext = Files.createDirectories(first.resolve("base/2"));
        Files.writeString(ext.resolve("ruleset.yaml"), """
                scheme: base
                version: "2"
                extends: base@1
                name: {zh: 第二版, en: Second}
                effective: {from: 2021-01-01}
                """);

        SubsidyEngine engine = SubsidyEngine.builder().classpathRulesets(false).addRulesetFolder(first)
                .addRulesetFolder(second).build();

        RulesetInfo test = info(engine, "test@1");
        assertThat(test.origin()).isEqualTo(second.resolve("test/1").toString());
        assertThat(test.replaced()).containsExactly(first.resolve("test/1").toString());
        assertThat(test.baseOrigin()).isNull();
        RulesetInfo extension = info(engine, "base@2");
        assertThat(extension.origin()).isEqualTo(ext.toString());
        assertThat(extension.baseOrigin()).isEqualTo(base.toString());
        assertThat(extension.replaced()).isEmpty();
        RulesetInfo root = info(engine, "base@1");
        assertThat(root.baseOrigin()).isNull();
        assertThat(root.replaced()).isEmpty();
        assertThat(RulesetInfo.isBundled(root.origin())).isFalse();
        assertThat(RulesetInfo.isBundled("classpath:huzhu-rulesets/wujin/2024")).isTrue();
    }

    private static RulesetInfo info(SubsidyEngine engine, String id) {
        return engine.rulesets().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }
}
