package org.huzhu.engine.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.huzhu.api.RulesetException;
import org.huzhu.engine.SandboxAccess;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first layer on its own (second layer switched off): the check on the parsed program refuses every payload
 * of the corpus at load, naming the file and line, before anything is compiled or run. With
 * {@link Layer2AloneTest}, this shows that each layer stands without the other where the other can see.
 */
class Layer1AloneTest {
    @TempDir
    static Path root;

    @TestFactory
    Stream<DynamicTest> refusesEveryPayloadAtLoad() {
        return HostileCorpus.all().stream().map(p -> DynamicTest.dynamicTest(p.name(), () -> check(p)));
    }

    private void check(HostileCorpus p) throws IOException {
        Path dir = Files.createDirectories(root.resolve(p.name()));
        Path sink = Files.createDirectories(dir.resolve("sink"));
        Path folder = p.writeRuleset(dir.resolve("ruleset"), sink, 9);
        Throwable t = catchThrowable(() -> SandboxAccess.build(folder, true, false));
        assertThat(t).as("%s: layer 1 alone must refuse it at load", p.name()).isInstanceOf(RulesetException.class);
        assertThat(t.getMessage()).as(p.name()).containsPattern("rules/main\\.drl:\\d+: ")
                .doesNotContain("[second layer");
        try (Stream<Path> left = Files.list(sink)) {
            assertThat(left).as("%s: nothing written while loading", p.name()).isEmpty();
        }
    }
}
