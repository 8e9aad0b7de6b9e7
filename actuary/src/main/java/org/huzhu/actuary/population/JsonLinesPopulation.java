package org.huzhu.actuary.population;

import java.io.IOException;
import java.io.InputStream;
import java.util.NoSuchElementException;
import org.huzhu.api.EvaluationError;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.HuzhuException;
import org.huzhu.api.json.HuzhuJson;

/** JSON Lines: one request per line, read a line at a time through {@link Lines}. */
final class JsonLinesPopulation implements Population {
    private final Lines lines;
    private long index;
    private PopulationEntry next;
    private boolean ended;

    JsonLinesPopulation(InputStream in, String source) {
        this.lines = new Lines(in, source);
    }

    @Override
    public boolean hasNext() {
        while (next == null && !ended) {
            next = readEntry();
        }
        return next != null;
    }

    @Override
    public PopulationEntry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        PopulationEntry entry = next;
        next = null;
        return entry;
    }

    /** The next line's entry, or null for a blank line or the end. */
    private PopulationEntry readEntry() {
        Lines.Line line = lines.next();
        if (line == null) {
            ended = true;
            return null;
        }
        if (line.error() != null) {
            return PopulationEntry.failed(index++, line.where(), null, EvaluationError.of(line.error()));
        }
        String text = line.text();
        if (text.isBlank()) {
            return null;
        }
        return entry(index++, line.where(), text);
    }

    /** The entry of one line that is not blank: its request, or why it is not one. */
    static PopulationEntry entry(long index, String where, String text) {
        try {
            EvaluationRequest request = HuzhuJson.read(text, EvaluationRequest.class, where);
            return PopulationEntry.of(index, where, request);
        } catch (HuzhuException e) {
            return PopulationEntry.failed(index, where, claimIdOf(text), EvaluationError.of(e));
        }
    }

    /** The claim id of a line that is not a valid request, when its JSON still has one: to name the row. */
    private static String claimIdOf(String text) {
        try {
            return HuzhuJson.mapper().readTree(text).path("claim").path("id").textValue();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        lines.close();
    }
}
