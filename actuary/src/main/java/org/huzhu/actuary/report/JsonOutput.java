package org.huzhu.actuary.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The one layout of the toolkit's JSON files (the simulation summary, the fund allocation): UTF-8, two-space indents,
 * {@code \n} line ends whatever the platform, big decimals plain (never {@code 1E+4}), so that the same figures give
 * the same bytes on any machine.
 */
public final class JsonOutput {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    private JsonOutput() {
    }

    /** A generator writing to {@code out} in that layout; closing it flushes and leaves {@code out} open. */
    public static JsonGenerator pretty(OutputStream out) throws IOException {
        JsonGenerator g = JSON.createGenerator(out);
        g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        g.setPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(indenter).withArrayIndenter(indenter));
        return g;
    }
}
