package org.huzhu.actuary.allocate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The reviews CSV: header, comments and blank lines, and errors naming the line. */
class ReviewOutcomesTest {
    private static ReviewOutcomes read(String text) {
        return ReviewOutcomes.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "reviews.csv");
    }

    @Test
    void readsClaimIdsAndAmountsWithTheirLines() {
        ReviewOutcomes r = read("# the committee's meeting of 2021-12-10\nclaimId,amount\nHN-A03,40000\n\n"
                + "# second sitting\n\"HN,B\",32500.5\n");
        assertThat(r.amounts()).containsExactly(
                new ReviewOutcomes.CommitteeAmount("HN-A03", new java.math.BigDecimal("40000.00"), "reviews.csv:3"),
                new ReviewOutcomes.CommitteeAmount("HN,B", new java.math.BigDecimal("32500.50"), "reviews.csv:6"));
    }

    @Test
    void badLinesAreErrorsNamingTheLine() {
        assertThatThrownBy(() -> read("claim,amount\nA,1\n"))
                .hasMessage("reviews.csv:1: the header must be claimId,amount, was claim,amount");
        assertThatThrownBy(() -> read("claimId,amount\nA,forty\n"))
                .hasMessage("reviews.csv:2 amount: expected an amount in yuan such as 40000 or 40000.00, got \"forty\"");
        assertThatThrownBy(() -> read("claimId,amount\nA,1\nB,-5\n"))
                .hasMessage("reviews.csv:3 amount: must not be negative, was -5");
        assertThatThrownBy(() -> read("claimId,amount\nA,40000.001\n"))
                .hasMessageStartingWith("reviews.csv:2 amount: ");
        assertThatThrownBy(() -> read("claimId,amount\nA,1,2\n"))
                .hasMessage("reviews.csv:2: expected 2 values (claimId,amount), got 3");
        assertThatThrownBy(() -> read("claimId,amount\nA,40000\n# again\nA,45000\n"))
                .hasMessage("reviews.csv:4: claim A again (first at reviews.csv:2)");
        assertThatThrownBy(() -> read("# nothing\n")).hasMessage("reviews.csv: no header claimId,amount: the file "
                + "is empty");
    }
}
