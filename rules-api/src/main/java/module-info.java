/**
 * The embedder API and the ruleset-authoring interfaces; no Drools. On the classpath (how the rest of this build
 * and most embedders use it) this descriptor is ignored.
 */
module org.huzhu.api {
    // HuzhuJson hands out an ObjectMapper, so its users read Jackson too.
    requires transitive com.fasterxml.jackson.databind;

    exports org.huzhu.api;
    exports org.huzhu.api.json;
    exports org.huzhu.api.ruleset;

    // Jackson binds the model records reflectively.
    opens org.huzhu.api to com.fasterxml.jackson.databind;
    opens org.huzhu.api.json to com.fasterxml.jackson.databind;
    opens org.huzhu.api.ruleset to com.fasterxml.jackson.databind;

    // SubsidyEngine.builder() finds the implementation (rules-engine) through ServiceLoader.
    uses org.huzhu.api.SubsidyEngine.Provider;
}
