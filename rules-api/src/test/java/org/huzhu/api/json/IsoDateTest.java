package org.huzhu.api.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.huzhu.api.InvalidInputException;
import org.junit.jupiter.api.Test;

/**
 * The model's dates read by HuzhuJson's plain {@code yyyy-MM-dd} path match {@code LocalDate.parse}: every day of
 * two centuries, every month 00–13 with every day 00–32 of leap and common years, and strings only the general
 * parser reads or neither does. Each is read both ways and compared.
 */
class IsoDateTest {
    @Test
    void everyDayOfTwoCenturiesReadsAsLocalDateParseReadsIt() {
        for (LocalDate d = LocalDate.of(1899, 12, 25); d.isBefore(LocalDate.of(2101, 1, 6)); d = d.plusDays(1)) {
            String text = d.toString();
            assertEquals(LocalDate.parse(text), HuzhuJson.isoDate(text), text);
            assertEquals(LocalDate.parse(text), HuzhuJson.read("\"" + text + "\"", LocalDate.class, "date"), text);
        }
    }

    @Test
    void impossibleAndOddDatesAreReadOrRefusedAsLocalDateParseDoes() {
        List<String> texts = new ArrayList<>();
        for (String year : List.of("0000", "1900", "2000", "2023", "2024", "2100", "9999")) {
            for (int month = 0; month <= 13; month++) {
                for (int day = 0; day <= 32; day++) {
                    texts.add(String.format("%s-%02d-%02d", year, month, day));
                }
            }
        }
        texts.addAll(List.of(" 2024-01-01", "2024-01-01 ", "2024-1-01", "2024-01-1", "+2024-01-01", "2024/01/01",
                "20240101", "２０２４-01-01", "2024-0a-01", "-001-01-01", "+10000-01-01", "2024-01-01T00:00", ""));
        int plain = 0;
        for (String text : texts) {
            LocalDate expected;
            try {
                expected = LocalDate.parse(text.trim());
            } catch (DateTimeParseException e) {
                expected = null;
            }
            LocalDate fast = HuzhuJson.isoDate(text);
            if (fast != null) {
                plain++;
                assertEquals(expected, fast, text);
            } else if (text.length() == 10 && expected != null && !text.startsWith("+") && !text.startsWith("-")) {
                fail("a plain date left to the general parser: " + text);
            }
            try {
                LocalDate read = HuzhuJson.read("\"" + text + "\"", LocalDate.class, "date");
                assertEquals(expected, read, text);
            } catch (InvalidInputException e) {
                assertNull(expected, text + ": refused, but LocalDate.parse reads it as " + expected);
            }
        }
        // Every real day of the 7 years: 3 of them leap years (0000, 2000, 2024; 1900, 2100, 2023 and 9999 are not).
        assertEquals(7 * 365 + 3, plain);
    }
}
