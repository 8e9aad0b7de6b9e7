package org.huzhu.engine;

import java.nio.file.Path;
import org.huzhu.api.SubsidyEngine;

/** Lets tests outside this package build an engine from one folder with chosen sandbox layers. */
public final class SandboxAccess {
    private SandboxAccess() {
    }

    public static SubsidyEngine build(Path folder, boolean parsedCheck, boolean bytecodeCheck) {
        return ((DroolsSubsidyEngine.Builder) SubsidyEngine.builder().compileAtBuild(true)).classpathRulesets(false)
                .addRulesetFolder(folder).sandboxLayers(new SandboxLayers(parsedCheck, bytecodeCheck)).build();
    }
}
