package org.huzhu.engine;

import java.util.Map;
import java.util.TreeMap;
import org.huzhu.api.SubsidyEngine;

/** Lets the rulesets' tests see where an engine's compiled rules came from (the implementation is package-private). */
public final class PrecompiledAccess {
    private PrecompiledAccess() {
    }

    /** For each loaded version ({@code scheme@version}), whether its rules were read from the build's precompiled file. */
    public static Map<String, Boolean> precompiled(SubsidyEngine engine) {
        Map<String, Boolean> out = new TreeMap<>();
        for (CompiledRuleset r : ((DroolsSubsidyEngine) engine).loaded()) {
            out.put(r.info.id(), r.rules().precompiled());
        }
        return out;
    }
}
