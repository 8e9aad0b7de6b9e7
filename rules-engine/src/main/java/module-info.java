/**
 * The Drools implementation of {@code org.huzhu.api}. Embedders name nothing in it: {@code SubsidyEngine.builder()}
 * finds it through the service below. Its one exported package, {@code org.huzhu.engine.internal}, is for Huzhu's
 * own modules only. On the classpath (how most embedders and this build's tests run it) the descriptor is
 * ignored and {@code META-INF/services} names the provider instead.
 */
// The modules the internal package is exported to are not observable while this one compiles (they depend on it).
@SuppressWarnings("module")
module org.huzhu.engine {
    requires org.huzhu.api;

    // Drools, by the Automatic-Module-Name of each jar the engine's code names (none has a module-info).
    requires org.kie.api;
    requires org.kie.internal.api;
    requires org.drools.base;
    requires org.drools.core;
    requires org.drools.kiesession;
    requires org.drools.drl.parser;
    requires org.drools.drl.ast;
    requires org.drools.mvel;
    requires org.drools.compiler;
    // The sandbox: a Java parser for rule code, ASM for the compiled classes.
    requires com.github.javaparser.core;
    requires org.objectweb.asm;
    // Ruleset metadata, parameters and case files are YAML.
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.annotation;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires org.yaml.snakeyaml;
    requires org.slf4j;

    provides org.huzhu.api.SubsidyEngine.Provider with org.huzhu.engine.DroolsSubsidyEngine.Provider;

    // Reading ruleset folders, YAML under the loading limits, the claim state: for the tool, the case runner,
    // populations and Spark, never for embedders.
    exports org.huzhu.engine.internal to org.huzhu.testkit, org.huzhu.cli, org.huzhu.actuary, org.huzhu.spark;

    // Jackson binds ruleset.yaml to the package-private RulesetMetadata.
    opens org.huzhu.engine to com.fasterxml.jackson.databind;
}
