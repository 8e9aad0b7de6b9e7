package org.huzhu.engine;

/**
 * Which of the sandbox's two independent layers run when a ruleset loads. Both always run in production; tests
 * switch one off to show what the other refuses alone.
 *
 * @param parsedCheck   layer 1: the allowlist checked on the parsed DRL (descr, constraints, consequences)
 * @param bytecodeCheck layer 2: the allowlist checked on the compiled rule classes
 */
record SandboxLayers(boolean parsedCheck, boolean bytecodeCheck) {
    static final SandboxLayers BOTH = new SandboxLayers(true, true);
}
