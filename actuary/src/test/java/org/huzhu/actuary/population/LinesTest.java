package org.huzhu.actuary.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Lines} reads its stream a block at a time: lines, line ends and limits must not depend on where blocks end. */
class LinesTest {
    private static final int BLOCK = 1 << 16;

    /** Every line's text, or "ERROR message" for a line that is an error. */
    private static List<String> lines(byte[] bytes, int bytesPerRead) {
        List<String> out = new ArrayList<>();
        try (Lines lines = new Lines(new Trickle(new ByteArrayInputStream(bytes), bytesPerRead), "f")) {
            for (Lines.Line line; (line = lines.next()) != null; ) {
                out.add(line.error() != null ? "ERROR " + line.error().getMessage() : line.text());
                assertThat(line.number()).isEqualTo(out.size());
                assertThat(line.where()).isEqualTo("f:" + out.size());
            }
        }
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String repeat(char c, int n) {
        char[] chars = new char[n];
        Arrays.fill(chars, c);
        return new String(chars);
    }

    @Test
    void aLineAcrossABlockEndIsOneLineWhateverTheStreamHandsOverPerRead() {
        // 65,530 a's, then "bcdefghij" crosses the 65,536-byte block end; then a CRLF line and a last line without one.
        String first = repeat('a', BLOCK - 6) + "bcdefghij";
        byte[] bytes = ascii(first + "\nsecond\r\n\nlast");
        for (int perRead : new int[] {1, 7, 4096, BLOCK, Integer.MAX_VALUE}) {
            assertThat(lines(bytes, perRead)).as("%d bytes per read", perRead)
                    .containsExactly(first, "second", "", "last");
        }
    }

    @Test
    void aCrlfSplitByTheBlockEndLosesItsCarriageReturn() {
        // The block ends just after "\r"; its "\n" starts the next block.
        String first = repeat('x', BLOCK - 1);
        byte[] bytes = ascii(first + "\r\nnext\n");
        assertThat(lines(bytes, Integer.MAX_VALUE)).containsExactly(first, "next");
        assertThat(lines(bytes, 1000)).containsExactly(first, "next");
    }

    @Test
    void theLimitCountsTheBytesBeforeTheLineBreakAcrossBlocks() {
        String atLimit = repeat('y', Population.MAX_LINE_BYTES);       // 1,048,576 bytes: allowed
        String over = repeat('z', Population.MAX_LINE_BYTES + 1);      // one more: an error, and the next line reads
        byte[] bytes = ascii(atLimit + "\n" + over + "\nafter\n");
        List<String> read = lines(bytes, 5000);
        assertThat(read).hasSize(3);
        assertThat(read.get(0)).isEqualTo(atLimit);
        assertThat(read.get(1)).isEqualTo("ERROR f:2: line is longer than 1048576 bytes");
        assertThat(read.get(2)).isEqualTo("after");
    }

    @Test
    void utf8LinesAreDecodedStrictlyAndAByteOrderMarkIsSkipped() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});       // BOM
        out.writeBytes("住院 ok\n".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[] {'a', (byte) 0xB9, (byte) 0xA4, '\n'});          // GBK-ish bytes: not UTF-8
        out.writeBytes("plain\n".getBytes(StandardCharsets.UTF_8));
        for (int perRead : new int[] {1, 2, Integer.MAX_VALUE}) {
            List<String> read = lines(out.toByteArray(), perRead);
            assertThat(read).hasSize(3);
            assertThat(read.get(0)).isEqualTo("住院 ok");
            assertThat(read.get(1)).startsWith("ERROR f:2: not UTF-8 text: the byte at offset 1");
            assertThat(read.get(2)).isEqualTo("plain");
        }
    }

    @Test
    void noBytesNoLinesAndAFinalLineBreakAddsNoLine() {
        assertThat(lines(new byte[0], 10)).isEmpty();
        assertThat(lines(ascii("one\n"), 10)).containsExactly("one");
        assertThat(lines(ascii("\n"), 10)).containsExactly("");
    }

    @Test
    void aStreamThatFailsMidwayGivesTheLinesWhollyReadBeforeTheFailure() {
        // The first read hands over "one\ntwo\nthr"; the next read fails (a body cut at its byte limit).
        InputStream failing = new InputStream() {
            private final byte[] first = ascii("one\ntwo\nthr");
            private boolean given;

            @Override
            public int read() {
                throw new UnsupportedOperationException("read in blocks");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (given) {
                    throw new IOException("longer than the limit");
                }
                given = true;
                System.arraycopy(first, 0, b, off, first.length);
                return first.length;
            }
        };
        try (Lines lines = new Lines(failing, "body")) {
            assertThat(lines.next().text()).isEqualTo("one");
            assertThat(lines.next().text()).isEqualTo("two");
            assertThatThrownBy(lines::next).isInstanceOf(java.io.UncheckedIOException.class)
                    .hasMessage("body: cannot be read after line 2").hasRootCauseMessage("longer than the limit");
        }
    }

    /** Hands over at most {@code perRead} bytes per read, as a pipe or a socket may. */
    private static final class Trickle extends FilterInputStream {
        private final int perRead;

        Trickle(InputStream in, int perRead) {
            super(in);
            this.perRead = perRead;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, perRead));
        }
    }
}
