package org.huzhu.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import org.huzhu.api.json.HuzhuJson;
import org.junit.jupiter.api.Test;

/** Exclusions iterate in Exclusion's declaration order whatever order they came in: the same decision on every run. */
class ExclusionOrderTest {
    private static HospitalStay stay(List<Exclusion> given) {
        LocalDate d = LocalDate.of(2024, 3, 4);
        return new HospitalStay("S-1", null, d, d.plusDays(2), null, null, new BigDecimal("100"), null, null, null,
                null, null, null, new LinkedHashSet<>(given));
    }

    @Test
    void exclusionsComeInDeclarationOrder() {
        // Declared FRAUD, DRUNKENNESS, FIGHTING, ...: FIGHTING after DRUNKENNESS whichever came first.
        assertThat(stay(List.of(Exclusion.FIGHTING, Exclusion.DRUNKENNESS, Exclusion.FRAUD)).exclusions())
                .containsExactly(Exclusion.FRAUD, Exclusion.DRUNKENNESS, Exclusion.FIGHTING);
        assertThat(stay(List.of(Exclusion.DRUNKENNESS, Exclusion.FIGHTING)).exclusions())
                .containsExactly(Exclusion.DRUNKENNESS, Exclusion.FIGHTING);
    }

    @Test
    void theJsonReadBackHasTheSameOrder() {
        String json = "{\"id\":\"S-1\",\"admissionDate\":\"2024-03-04\",\"dischargeDate\":\"2024-03-06\","
                + "\"coPay\":100,\"exclusions\":[\"FIGHTING\",\"DRUNKENNESS\"]}";
        assertThat(HuzhuJson.read(json, HospitalStay.class, "stay").exclusions())
                .containsExactly(Exclusion.DRUNKENNESS, Exclusion.FIGHTING);
    }

    @Test
    void exclusionsCannotBeChanged() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> stay(List.of(Exclusion.FRAUD)).exclusions().add(Exclusion.SUICIDE))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
