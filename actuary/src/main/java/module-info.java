/** Populations of claims read as streams; for the tool and Spark, never a dependency of the library. */
module org.huzhu.actuary {
    requires transitive org.huzhu.api;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.dataformat.csv;

    exports org.huzhu.actuary.population;
}
