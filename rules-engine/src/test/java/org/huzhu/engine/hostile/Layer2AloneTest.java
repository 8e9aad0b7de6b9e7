package org.huzhu.engine.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.huzhu.api.RulesetRefusedException;
import org.huzhu.api.SubsidyEngine;
import org.huzhu.engine.SandboxAccess;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second layer on its own (first layer switched off): which payloads of the corpus the compiled bytecode
 * alone refuses, and that it lets the bundled rulesets through. Each payload's {@code // layer2:} header is held
 * to exactly: {@code refuses} must be refused by this layer with file:line; {@code blind} must not be, so that
 * the header keeps telling the truth about what only the first layer stops.
 */
class Layer2AloneTest {
    static final Path BUNDLED = Path.of("..", "rulesets");

    @TempDir
    static Path root;

    @TestFactory
    Stream<DynamicTest> everyPayloadAsItsHeaderSays() {
        return HostileCorpus.all().stream().map(p -> DynamicTest.dynamicTest(p.name() + " — layer 2 "
                + (p.layer2Refuses() ? "refuses" : "is blind"), () -> check(p)));
    }

    private void check(HostileCorpus p) throws IOException {
        Path dir = Files.createDirectories(root.resolve(p.name()));
        Path folder = p.writeRuleset(dir.resolve("ruleset"), Files.createDirectories(dir.resolve("sink")), 9);
        Throwable t = catchThrowable(() -> SandboxAccess.build(folder, false, true));
        boolean refusedByLayer2 = t instanceof RulesetRefusedException && t.getMessage().contains("[second layer");
        if (p.layer2Refuses()) {
            assertThat(refusedByLayer2).as("%s: layer 2 alone must refuse it; got %s", p.name(), t).isTrue();
            assertThat(t.getMessage()).containsPattern("rules/main\\.drl:\\d+");
        } else {
            assertThat(refusedByLayer2).as("%s is marked blind but layer 2 refuses it: %s", p.name(), t).isFalse();
        }
    }

    @Test
    void namesTheRuleTheMemberAndTheLine(@TempDir Path dir) throws IOException {
        Path folder = HostileCorpus.all().stream().filter(p -> p.name().equals("43-bigdecimal-pow")).findFirst()
                .orElseThrow().writeRuleset(dir, dir, 9);
        assertThatThrownBy(() -> SandboxAccess.build(folder, false, true))
                .isInstanceOf(RulesetRefusedException.class)
                .hasMessageContaining("rules/main.drl:8")
                .hasMessageContaining("rule \"payload\"")
                .hasMessageContaining("calling java.math.BigDecimal.pow(int) is not allowed");
    }

    @Test
    void loadsEveryBundledRuleset() throws IOException {
        List<Path> folders;
        try (Stream<Path> schemes = Files.list(BUNDLED)) {
            folders = schemes.filter(s -> Files.isDirectory(s) && !s.endsWith("src") && !s.endsWith("target"))
                    .sorted().toList();
        }
        int versions = 0;
        for (Path scheme : folders) {
            SubsidyEngine engine = SandboxAccess.build(scheme, false, true);
            versions += engine.rulesets().size();
        }
        assertThat(versions).as("bundled ruleset versions loaded with layer 2 alone").isEqualTo(11);
    }
}
