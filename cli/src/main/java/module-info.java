/** The huzhu tool: a program, not a library, so it exports nothing. */
module org.huzhu.cli {
    requires org.huzhu.api;
    requires org.huzhu.engine;
    requires org.huzhu.testkit;
    requires org.huzhu.actuary;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.core;
    // huzhu batch's progress bar.
    requires me.tongfei.progressbar;
    // huzhu serve.
    requires io.javalin;
    requires jakarta.servlet;
    requires org.slf4j;

    // picocli reads the commands' annotated fields and methods, and sets them, by reflection.
    opens org.huzhu.cli to info.picocli;
}
