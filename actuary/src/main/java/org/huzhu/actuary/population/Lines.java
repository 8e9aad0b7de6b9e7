package org.huzhu.actuary.population;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.huzhu.api.InvalidInputException;
import org.huzhu.api.json.Utf8;

/**
 * The lines of a UTF-8 stream, one at a time, each held to {@link Population#MAX_LINE_BYTES}: neither a long file
 * nor a long line fills memory. Both population formats read their input through it, and so does the fund
 * allocation's reader of batch output ({@code org.huzhu.actuary.allocate.Decisions}).
 */
public final class Lines implements AutoCloseable {
    private final InputStream in;
    private final String source;
    /** What was read from the stream and not yet cut into lines: {@code block[at, end)}. */
    private final byte[] block = new byte[1 << 16];
    private int at;
    private int end;
    private final byte[] small = new byte[8192];
    private byte[] buffer = small;
    private long number;
    private boolean ended;

    /**
     * One line: its text without the line break ({@code \n} or {@code \r\n}), or, for a line that is too long or not
     * UTF-8, why not ({@code error} names {@code source:line}).
     */
    public record Line(long number, String where, String text, InvalidInputException error) {
    }

    public Lines(InputStream in, String source) {
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

    /**
     * The next line, or null at the end of the stream. The stream is read a block at a time and each block scanned
     * for line breaks: reading it a byte at a time through {@code InputStream.read()} (synchronized in
     * {@code BufferedInputStream}) was half of a simulation's reading thread (benchmarks/README.md, issue 10).
     */
    public Line next() {
        if (ended) {
            return null;
        }
        int length = 0;
        boolean tooLong = false;
        boolean any = false;
        boolean ascii = true;
        while (true) {
            if (at == end && !fill()) {
                ended = true;
                break;
            }
            any = true;
            int from = at;
            int stop = from;
            while (stop < end && block[stop] != '\n') {
                stop++;
            }
            boolean lineEnds = stop < end;
            at = lineEnds ? stop + 1 : stop;
            int n = stop - from;
            if (!tooLong && length + n > Population.MAX_LINE_BYTES) {
                tooLong = true;
            }
            if (!tooLong && n > 0) {
                if (length + n > buffer.length) {
                    buffer = Arrays.copyOf(buffer, Math.min(Population.MAX_LINE_BYTES,
                            Math.max(buffer.length * 2, length + n)));
                }
                System.arraycopy(block, from, buffer, length, n);
                for (int i = from; i < stop; i++) {
                    ascii &= block[i] >= 0;
                }
                length += n;
            }
            if (lineEnds) {
                break;
            }
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
        byte[] line = buffer;
        buffer = small;
        if (ascii) {
            // Every byte below 0x80: UTF-8 and ISO-8859-1 read them alike, and Latin-1 makes the string in one copy.
            return new Line(number, where, new String(line, 0, length, StandardCharsets.ISO_8859_1), null);
        }
        try {
            return new Line(number, where, Utf8.decode(Arrays.copyOf(line, length), where), null);
        } catch (InvalidInputException e) {
            return new Line(number, where, null, e);
        }
    }

    /** Reads the next block; false at the end of the stream. */
    private boolean fill() {
        try {
            int n;
            do {
                n = in.read(block, 0, block.length);
            } while (n == 0);
            at = 0;
            end = Math.max(n, 0);
            return n > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": cannot be read after line " + number, e);
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
