package org.huzhu.actuary.simulate;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.huzhu.api.AmountRange;
import org.huzhu.api.EvaluationError;

/**
 * The per-claim CSV of a simulation: a header, then one row per input entry in input order (README, "Simulation":
 * the columns). UTF-8, {@code \n} line ends, Jackson's CSV generator quoting only the values that need it. Close it to
 * flush.
 */
public final class ClaimsCsv implements AutoCloseable {
    /** The columns, in order. */
    public static final String[] HEADER = {"claim_id", "member_id", "baseline_amount", "reform_amount", "delta",
            "baseline_kinds", "reform_kinds", "baseline_error", "reform_error", "band", "baseline_pending",
            "reform_pending", "index", "where"};

    private static final CsvFactory CSV = CsvFactory.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

    private final Writer out;

    /** Writes the header to {@code out}, which {@link #close()} closes. */
    public ClaimsCsv(OutputStream out) {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        writeLine(render(HEADER));
    }

    /** Writes one entry's row. */
    public void write(ClaimOutcome o) {
        writeLine(line(o));
    }

    /**
     * Writes a row made by {@link #line}, perhaps on another machine: the Spark job renders each entry's row where it
     * is decided and writes the rows here in input order.
     */
    public void writeLine(String line) {
        try {
            out.write(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One entry's row, ending in {@code \n}: exactly what {@link #write} writes for it. */
    public static String line(ClaimOutcome o) {
        BigDecimal delta = o.delta();
        return render(new String[] {o.claimId(), o.memberId(), amount(o.baseline().payout()),
                amount(o.reform().payout()), amount(delta), kinds(o.baseline()), kinds(o.reform()),
                error(o.baseline().error()), error(o.reform().error()),
                o.baseline().decided() ? o.band().label() : null, pending(o.baseline()), pending(o.reform()),
                Long.toString(o.index()), o.where()});
    }

    /** An amount as the outputs write it: plain, at least 2 decimals ({@code 1500.00}); blank for none. */
    static String amount(BigDecimal amount) {
        return amount == null ? null : SummaryTally.money(amount).toPlainString();
    }

    /**
     * {@code KIND=amount;KIND=amount}: the kinds granted above 0, in the decision's order, then those under review as
     * {@code KIND=min..max}.
     */
    private static String kinds(ClaimOutcome.Side side) {
        if (side.kinds().isEmpty() && side.ranges().isEmpty()) {
            return null;
        }
        // A loop, not streams: the rows are written on the simulation's reading thread, where every claim's cost counts.
        StringBuilder text = new StringBuilder(32);
        side.kinds().forEach((kind, amount) -> (text.isEmpty() ? text : text.append(';')).append(kind).append('=')
                .append(amount(amount)));
        side.ranges().forEach((kind, range) -> (text.isEmpty() ? text : text.append(';')).append(kind).append('=')
                .append(range(range)));
        return text.toString();
    }

    private static String range(AmountRange range) {
        return amount(range.min()) + ".." + amount(range.max());
    }

    private static String pending(ClaimOutcome.Side side) {
        return side.pending() == null ? null : range(side.pending());
    }

    private static String error(EvaluationError error) {
        return error == null ? null : error.code() + ": " + error.message();
    }

    /** One row through Jackson's CSV generator: values quoted only where needed, blank for null, {@code \n} ended. */
    private static String render(String[] values) {
        StringWriter line = new StringWriter(256);
        try (JsonGenerator csv = CSV.createGenerator(line)) {
            csv.writeStartArray();
            for (String v : values) {
                csv.writeString(v == null ? "" : v);
            }
            csv.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return line.toString();
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
