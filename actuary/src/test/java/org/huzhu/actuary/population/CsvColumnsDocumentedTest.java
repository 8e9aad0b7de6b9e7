package org.huzhu.actuary.population;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/** README's table of CSV columns is the reader's: the same columns, in the same order, at the same level. */
class CsvColumnsDocumentedTest {
    @Test
    void theReadmeTableListsEveryColumnTheReaderKnows() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int from = lines.indexOf("### CSV populations");
        assertThat(from).isPositive();
        List<String[]> rows = lines.subList(from + 1, lines.size()).stream()
                .takeWhile(l -> !l.startsWith("#"))
                .filter(l -> l.startsWith("| `"))
                .map(l -> l.split("\\|"))
                .toList();

        assertThat(rows).extracting(cells -> cells[1].strip().replace("`", "")).containsExactlyElementsOf(
                Arrays.stream(CsvColumn.values()).map(CsvColumn::header).toList());
        assertThat(rows).extracting(cells -> cells[2].strip()).containsExactlyElementsOf(
                Arrays.stream(CsvColumn.values()).map(CsvColumnsDocumentedTest::level).toList());
        assertThat(rows).filteredOn(cells -> cells[4].strip().equals("yes") && cells[2].strip().equals("claim"))
                .extracting(cells -> cells[1].strip().replace("`", ""))
                .containsExactlyInAnyOrderElementsOf(CsvColumn.REQUIRED.stream().map(CsvColumn::header).toList());
    }

    private static String level(CsvColumn c) {
        return switch (c.part()) {
            case ROW -> "row";
            case STAY -> "stay";
            case PAYMENT -> "payment";
            default -> "claim";
        };
    }

    @Test
    void columnNamesAreSnakeCase() {
        assertThat(CsvColumn.values()).allSatisfy(c -> assertThat(c.header())
                .matches("[a-z]+(_[a-z]+)*").isEqualTo(c.name().toLowerCase(Locale.ROOT)));
    }
}
