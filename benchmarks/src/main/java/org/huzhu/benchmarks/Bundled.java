package org.huzhu.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.huzhu.engine.internal.RulesetSource;

/** The bundled rulesets, read from their folders (the DRL files as written, before any engine check). */
public final class Bundled {
    private Bundled() {
    }

    /** {@code -Dhuzhu.rulesets=...}, else {@code rulesets/} or {@code ../rulesets/} from the working folder. */
    public static Path root() {
        String configured = System.getProperty("huzhu.rulesets");
        if (configured != null) {
            return Path.of(configured);
        }
        for (String candidate : new String[] {"rulesets", "../rulesets"}) {
            if (Files.isDirectory(Path.of(candidate, "wujin"))) {
                return Path.of(candidate);
            }
        }
        throw new IllegalStateException("cannot find the bundled rulesets: run from the project root or pass "
                + "-Dhuzhu.rulesets=/path/to/rulesets");
    }

    /** Every bundled ruleset by id ({@code wujin@2024}), in folder order. */
    public static Map<String, RulesetSource> sources() {
        Map<String, RulesetSource> byId = new LinkedHashMap<>();
        for (RulesetSource s : RulesetSource.fromFolder(root())) {
            byId.put(s.rulesetId(), s);
        }
        return byId;
    }
}
