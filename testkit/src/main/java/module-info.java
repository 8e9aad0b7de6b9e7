/** The case runner: case files, the runner, the JUnit XML writer and the JUnit 5 test factory. */
module org.huzhu.testkit {
    requires transitive org.huzhu.api;
    requires org.huzhu.engine;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    // Only HuzhuCases (the @TestFactory entry point) needs JUnit; the huzhu tool runs cases without it.
    requires static org.junit.jupiter.api;

    exports org.huzhu.testkit;
}
