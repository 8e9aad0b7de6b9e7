package org.huzhu.api.json;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.huzhu.api.InvalidInputException;

/**
 * Strict UTF-8 decoding of input files. A file saved as GBK (common on Chinese Windows) must be refused with the
 * place to look, not decoded into replacement characters that then fail somewhere less clear, or pass.
 */
public final class Utf8 {
    private Utf8() {
    }

    /**
     * Decodes UTF-8 bytes, skipping a leading byte-order mark.
     *
     * @throws InvalidInputException "not UTF-8 text" with the byte offset and line of the first invalid byte
     */
    public static String decode(byte[] bytes, String source) {
        int start = hasBom(bytes) ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        // wrap(bytes, start, n) keeps positions relative to the array, so position() is the file offset.
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length - start);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            throw new InvalidInputException(source, "not UTF-8 text: the byte at offset " + offset + " (line "
                    + lineOf(bytes, offset) + ") is 0x" + String.format("%02X", bytes[offset] & 0xFF)
                    + ", which cannot occur there in UTF-8; save the file as UTF-8 (not GBK or another encoding)");
        }
        out.flip();
        return out.toString();
    }

    static boolean hasBom(byte[] b) {
        return b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF;
    }

    private static int lineOf(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
