package org.huzhu.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.InvalidInputException;
import org.junit.jupiter.api.Test;

/** Input files must be UTF-8; GBK gets "not UTF-8 text" with the byte offset; a BOM is skipped (issue 7, §5). */
class Utf8Test {
    // Line 1 is 21 bytes with its newline ({"ruleset": "wujin",\n); line 2 starts at offset 21.
    private static final String CLAIM = "{\"ruleset\": \"wujin\",\n"
            + " \"claim\": {\"id\": \"武进-1\", \"claimDate\": \"2024-03-01\", \"member\": {\"id\": \"M1\"}}}";

    @Test
    void utf8WithChineseTextReads() {
        EvaluationRequest r = HuzhuJson.read(CLAIM.getBytes(StandardCharsets.UTF_8), EvaluationRequest.class, "c.json");
        assertThat(r.claim().id()).isEqualTo("武进-1");
    }

    @Test
    void gbkIsRefusedWithTheOffsetOfTheFirstBadByte() {
        byte[] gbk = CLAIM.getBytes(Charset.forName("GBK"));
        // Line 2 is ` "claim": {"id": "` (18 bytes) before 武, so 武 starts at 21 + 18 = 39. In GBK 武 is CE E4:
        // CE opens a two-byte UTF-8 sequence, and E4 cannot continue it.
        assertThat(gbk[39] & 0xFF).isEqualTo(0xCE);
        assertThat(gbk[40] & 0xFF).isEqualTo(0xE4);
        assertThatThrownBy(() -> HuzhuJson.read(gbk, EvaluationRequest.class, "c.json"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("c.json: not UTF-8 text: the byte at offset 39 (line 2) is 0xCE, which cannot occur "
                        + "there in UTF-8; save the file as UTF-8 (not GBK or another encoding)");
    }

    @Test
    void aByteOrderMarkIsSkippedAndCountedInOffsets() {
        byte[] text = CLAIM.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        assertThat(HuzhuJson.read(withBom, EvaluationRequest.class, "c.json").claim().id()).isEqualTo("武进-1");
        assertThat(HuzhuJson.read(new ByteArrayInputStream(withBom), EvaluationRequest.class, "c.json")
                .claim().id()).isEqualTo("武进-1");
        // Offsets are the file's: a lone 0xFF after the BOM and `{` is at offset 4.
        assertThatThrownBy(() -> Utf8.decode(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', (byte) 0xFF},
                "c.json")).hasMessageStartingWith("c.json: not UTF-8 text: the byte at offset 4 (line 1) is 0xFF");
    }

    @Test
    void aBomInAStringIsSkippedToo() {
        assertThat(HuzhuJson.read("\uFEFF" + CLAIM, EvaluationRequest.class, "c.json").claim().id())
                .isEqualTo("武进-1");
    }

    @Test
    void aTruncatedSequenceAtTheEndIsRefused() {
        // E6 AD A6 is 武 in UTF-8; the file ends after its first two bytes, at offsets 2 and 3.
        byte[] cut = {'"', 'a', (byte) 0xE6, (byte) 0xAD};
        assertThatThrownBy(() -> Utf8.decode(cut, "c.json"))
                .hasMessageStartingWith("c.json: not UTF-8 text: the byte at offset 2 (line 1) is 0xE6");
    }

    @Test
    void encodedSurrogatesAreNotUtf8() {
        // ED A0 80 would be U+D800, a surrogate, which UTF-8 forbids.
        byte[] surrogate = {'\n', '\n', (byte) 0xED, (byte) 0xA0, (byte) 0x80};
        assertThatThrownBy(() -> Utf8.decode(surrogate, "c.json"))
                .hasMessageStartingWith("c.json: not UTF-8 text: the byte at offset 2 (line 3) is 0xED");
    }
}
