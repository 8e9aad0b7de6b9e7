package org.huzhu.actuary.simulate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.huzhu.api.SubsidyEngine;

/**
 * One engine for the simulation tests: the bundled Wujin and Shaoxing versions from the working tree, with the two
 * test fixtures that extend them (src/test/resources/simulate/rulesets: wujin@2025, shaoxing@2014) in the same
 * folder tree, since a folder version's base is read from its own tree.
 */
final class FixtureEngine {
    static final Path FIXTURES = Path.of("src", "test", "resources", "simulate");
    private static SubsidyEngine engine;

    private FixtureEngine() {
    }

    static synchronized SubsidyEngine engine() {
        if (engine == null) {
            try {
                Path tree = Files.createTempDirectory("huzhu-simulate-rulesets");
                copy(Path.of("..", "rulesets", "wujin"), tree.resolve("wujin"));
                copy(Path.of("..", "rulesets", "shaoxing"), tree.resolve("shaoxing"));
                copy(FIXTURES.resolve("rulesets"), tree);
                engine = SubsidyEngine.builder().addRulesetFolder(tree).build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return engine;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
