package org.huzhu.actuary.population;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;
import org.huzhu.api.EvaluationError;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.HuzhuException;
import org.huzhu.api.InvalidInputException;
import org.huzhu.api.json.HuzhuJson;
import org.huzhu.api.json.Utf8;

/** JSON Lines, read a line at a time with a bound on each line, so neither a long file nor a long line fills memory. */
final class JsonLinesPopulation implements Population {
    private final InputStream in;
    private final String source;
    private final byte[] line = new byte[8192];
    private byte[] buffer = line;
    private long lineNumber;
    private long index;
    private PopulationEntry next;
    private boolean ended;

    JsonLinesPopulation(InputStream in, String source) {
        this.in = in;
        this.source = source;
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
        int length = 0;
        boolean tooLong = false;
        boolean any = false;
        try {
            for (int b; ; ) {
                b = in.read();
                if (b < 0) {
                    ended = true;
                    break;
                }
                any = true;
                if (b == '\n') {
                    break;
                }
                if (tooLong) {
                    continue;
                }
                if (length == MAX_LINE_BYTES) {
                    tooLong = true;
                    continue;
                }
                if (length == buffer.length) {
                    buffer = java.util.Arrays.copyOf(buffer, Math.min(MAX_LINE_BYTES, buffer.length * 2));
                }
                buffer[length++] = (byte) b;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": cannot be read after line " + lineNumber, e);
        }
        if (!any) {
            return null;
        }
        lineNumber++;
        String where = source + ":" + lineNumber;
        if (tooLong) {
            shrink();
            return PopulationEntry.failed(index++, where, null, new EvaluationError(EvaluationError.Code.INVALID_INPUT,
                    where, where + ": line is longer than " + MAX_LINE_BYTES + " bytes"));
        }
        if (length > 0 && buffer[length - 1] == '\r') {
            length--;
        }
        byte[] bytes = java.util.Arrays.copyOf(buffer, length);
        shrink();
        String text;
        try {
            text = Utf8.decode(bytes, where);
        } catch (InvalidInputException e) {
            return PopulationEntry.failed(index++, where, null, EvaluationError.of(e));
        }
        if (text.isBlank()) {
            return null;
        }
        try {
            EvaluationRequest request = HuzhuJson.read(text, EvaluationRequest.class, where);
            return PopulationEntry.of(index++, where, request);
        } catch (HuzhuException e) {
            return PopulationEntry.failed(index++, where, claimIdOf(text), EvaluationError.of(e));
        }
    }

    /** A long line's buffer is not kept for the lines after it. */
    private void shrink() {
        buffer = line;
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
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": cannot be closed", e);
        }
    }
}
