/**
 * Populations of claims read and written as streams, synthetic populations generated from a shape, and simulations
 * comparing two versions over a population with their summary and report, and a budget allocated to approved claims
 * in priority order; for the tool and Spark, never a dependency of the library.
 */
module org.huzhu.actuary {
    requires transitive org.huzhu.api;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.dataformat.csv;
    // Shape files are read with the engine's YAML reader (its strictness and loading limits), org.huzhu.engine.internal.
    requires org.huzhu.engine;

    exports org.huzhu.actuary.population;
    exports org.huzhu.actuary.generate;
    exports org.huzhu.actuary.simulate;
    exports org.huzhu.actuary.report;
    exports org.huzhu.actuary.allocate;
    // Jackson binds shape files to the Shape records.
    opens org.huzhu.actuary.generate to com.fasterxml.jackson.databind;
}
