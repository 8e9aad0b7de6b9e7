package org.huzhu.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.huzhu.api.HospitalStay;
import org.huzhu.api.InvalidInputException;
import org.huzhu.api.WorkInjury;
import org.junit.jupiter.api.Test;

/** YAML (case files, parameters, metadata) is read as strictly as JSON, with the same plain words. */
class YamlStrictTest {
    private static final String STAY = "admissionDate: 2024-03-01\ndischargeDate: 2024-03-11\n";

    private static <T> T bind(String yaml, Class<T> type) {
        return Yaml.bind(Yaml.tree(yaml, "c.yaml"), type, "c.yaml");
    }

    @Test
    void aKeyGivenTwiceIsRefused() {
        assertThatThrownBy(() -> Yaml.tree(STAY + "coPay: 5\ncoPay: 500\n", "c.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("c.yaml:4:")
                .hasMessageEndingWith(" coPay: appears twice (a key may be given only once)");
    }

    @Test
    void aNestedKeyGivenTwiceIsNamedByItsPath() {
        assertThatThrownBy(() -> Yaml.tree("cases:\n  - name: a\n    claim: {id: C1, id: C2}\n", "c.yaml"))
                .hasMessageEndingWith(" cases[0].claim.id: appears twice (a key may be given only once)");
    }

    @Test
    void aMisspeltRequiredFieldIsReportedAsUnknown() {
        assertThatThrownBy(() -> bind(STAY + "copay: 5\n", HospitalStay.class))
                .hasMessageStartingWith("c.yaml copay: unknown field (HospitalStay has id, setting, ");
    }

    @Test
    void aFractionIsNotAWholeNumber() {
        assertThatThrownBy(() -> bind("date: 2024-03-01\ndisabilityGrade: 5.5\n", WorkInjury.class))
                .hasMessage("c.yaml disabilityGrade: expected a whole number such as 3, got 5.5");
    }

    @Test
    void amountsAreBoundedAndWordedAsInJson() {
        assertThatThrownBy(() -> bind(STAY + "coPay: 1e400\n", HospitalStay.class))
                .hasMessage("c.yaml coPay: must not exceed 100000000.00 yuan, was 1E+400");
        assertThatThrownBy(() -> bind(STAY + "coPay: 12.345\n", HospitalStay.class))
                .hasMessage("c.yaml coPay: must have at most 2 decimal places (whole fen), was 12.345");
        assertThatThrownBy(() -> bind(STAY + "coPay: abc\n", HospitalStay.class))
                .hasMessage("c.yaml coPay: expected an amount in yuan such as 1234.56, got \"abc\"");
        // (YAML itself reads `yes` as true; 1 would be Jackson's coercion, which is off.)
        assertThatThrownBy(() -> bind(STAY + "coPay: 5\nsettledThroughMedicalInsurance: 1\n", HospitalStay.class))
                .hasMessage("c.yaml settledThroughMedicalInsurance: expected true or false, got 1");
        assertThat(bind(STAY + "coPay: 12.50\n", HospitalStay.class).coPay()).isEqualByComparingTo("12.5");
    }

    @Test
    void bytesMustBeUtf8AndABomIsSkipped() {
        String yaml = "name: 武进\n";
        // "name: " is 6 bytes; 武 is CE E4 in GBK, and E4 cannot follow CE in UTF-8.
        assertThatThrownBy(() -> Yaml.tree(yaml.getBytes(Charset.forName("GBK")), "c.yaml"))
                .hasMessageStartingWith("c.yaml: not UTF-8 text: the byte at offset 6 (line 1) is 0xCE");
        byte[] utf8 = yaml.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[utf8.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, withBom, 3, utf8.length);
        assertThat(Yaml.tree(withBom, "c.yaml").get("name").asText()).isEqualTo("武进");
    }
}
