package org.huzhu.actuary.population;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.json.HuzhuJson;

/** JSON Lines: each request as one line of {@link HuzhuJson}'s JSON (no indentation), ended by {@code \n}. */
final class JsonLinesWriter implements PopulationWriter {
    private static final ObjectWriter JSON = HuzhuJson.mapper().writer();

    private final OutputStream out;

    JsonLinesWriter(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(EvaluationRequest request) {
        try {
            out.write(JSON.writeValueAsBytes(request));
            out.write('\n');
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a model record could not be written as JSON", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
