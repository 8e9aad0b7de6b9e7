package org.huzhu.actuary.population;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.huzhu.api.InvalidInputException;
import org.huzhu.api.json.Utf8;

/**
 * The lines of a UTF-8 stream, one at a time, each held to {@link Population#MAX_LINE_BYTES}: neither a long file
 * nor a long line fills memory. Both population formats read their input through it.
 */
final class Lines implements AutoCloseable {
    private final InputStream in;
    private final String source;
    private final byte[] small = new byte[8192];
    private byte[] buffer = small;
    private long number;
    private boolean ended;

    /**
     * One line: its text without the line break ({@code \n} or {@code \r\n}), or, for a line that is too long or not
     * UTF-8, why not ({@code error} names {@code source:line}).
     */
    record Line(long number, String where, String text, InvalidInputException error) {
    }

    Lines(InputStream in, String source) {
        this(in, source, 0);
    }

    /** Lines numbered from {@code linesBefore + 1}: a part of a file that starts after that line. */
    Lines(InputStream in, String source, long linesBefore) {
        this.in = in;
        this.source = source;
        this.number = linesBefore;
    }

    String source() {
        return source;
    }

    /** The next line, or null at the end of the stream. */
    Line next() {
        if (ended) {
            return null;
        }
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
                if (length == Population.MAX_LINE_BYTES) {
                    tooLong = true;
                    continue;
                }
                if (length == buffer.length) {
                    buffer = Arrays.copyOf(buffer, Math.min(Population.MAX_LINE_BYTES, buffer.length * 2));
                }
                buffer[length++] = (byte) b;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": cannot be read after line " + number, e);
        }
        if (!any) {
            return null;
        }
        number++;
        String where = source + ":" + number;
        if (tooLong) {
            buffer = small; // a long line's buffer is not kept for the lines after it
            return new Line(number, where, null, new InvalidInputException(where,
                    "line is longer than " + Population.MAX_LINE_BYTES + " bytes"));
        }
        if (length > 0 && buffer[length - 1] == '\r') {
            length--;
        }
        byte[] bytes = Arrays.copyOf(buffer, length);
        buffer = small;
        try {
            return new Line(number, where, Utf8.decode(bytes, where), null);
        } catch (InvalidInputException e) {
            return new Line(number, where, null, e);
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
