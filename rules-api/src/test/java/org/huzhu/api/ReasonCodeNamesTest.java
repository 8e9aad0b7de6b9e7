package org.huzhu.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Clerks read codes by their names: every code has one in Chinese and one in English, and no two share one. */
class ReasonCodeNamesTest {
    @Test
    void everyCodeHasAChineseAndAnEnglishName() {
        for (ReasonCode c : ReasonCode.values()) {
            assertThat(c.zh()).as(c.name()).containsPattern("\\p{IsHan}");
            assertThat(c.en()).as(c.name()).matches("[a-z][a-z ,()'-]+");
        }
        assertThat(Arrays.stream(ReasonCode.values()).map(ReasonCode::zh).distinct()).hasSize(ReasonCode.values().length);
        assertThat(Arrays.stream(ReasonCode.values()).map(ReasonCode::en).distinct()).hasSize(ReasonCode.values().length);
        assertThat(ReasonCode.NOT_ENROLLED.zh()).isEqualTo("未参保");
    }
}
