package org.huzhu.actuary.allocate;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import org.huzhu.actuary.report.JsonOutput;

/**
 * An allocation as JSON ({@code huzhu allocate --format json}; README, "Fund allocation"): the summary, then the
 * paid, deferred and skipped lists. Fields in a fixed order, money as strings of yuan with 2 decimals
 * ({@code "30000.00"}, exact, never a binary float), {@code \n} line ends: the same allocation gives the same bytes
 * on any machine.
 */
public final class AllocationJson {
    private AllocationJson() {
    }

    /** Writes the allocation to {@code out} (UTF-8), leaving it open. */
    public static void write(Allocation a, OutputStream out) {
        try (JsonGenerator g = JsonOutput.pretty(out)) {
            g.writeStartObject();
            g.writeStringField("priority", a.priority().toString());
            g.writeStringField("misfit", a.misfit().label());
            g.writeObjectFieldStart("summary");
            g.writeNumberField("entries", a.entries());
            g.writeNumberField("paid", a.paid().size());
            g.writeNumberField("deferred", a.deferred().size());
            g.writeNumberField("skipped", a.skipped().size());
            g.writeStringField("budget", money(a.budget()));
            g.writeStringField("paidTotal", money(a.paidTotal()));
            g.writeStringField("remaining", money(a.remaining()));
            g.writeStringField("deferredTotal", money(a.deferredTotal()));
            g.writeEndObject();
            claims(g, "paid", a.paid());
            claims(g, "deferred", a.deferred());
            g.writeArrayFieldStart("skipped");
            for (Skipped s : a.skipped()) {
                g.writeStartObject();
                if (s.claimId() != null) {
                    g.writeStringField("claimId", s.claimId());
                }
                g.writeStringField("reason", s.reason().label());
                g.writeStringField("detail", s.detail());
                g.writeNumberField("index", s.index());
                g.writeStringField("where", s.where());
                g.writeStringField("line", s.line());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void claims(JsonGenerator g, String name, List<RankedClaim> claims) throws IOException {
        g.writeArrayFieldStart(name);
        for (RankedClaim r : claims) {
            Candidate c = r.claim();
            g.writeStartObject();
            g.writeNumberField("rank", r.rank());
            g.writeStringField("claimId", c.claimId());
            g.writeStringField("applicationDate", c.applicationDate().toString());
            g.writeStringField("selfPay", money(c.selfPay()));
            g.writeStringField("amount", money(r.amount()));
            g.writeStringField("amountSource", r.amountSource().label());
            if (c.underReview() != null) {
                g.writeObjectFieldStart("range");
                g.writeStringField("min", money(c.underReview().min()));
                g.writeStringField("max", money(c.underReview().max()));
                g.writeEndObject();
            }
            g.writeStringField("remainingAfter", money(r.remainingAfter()));
            if (r.deferral() != null) {
                g.writeStringField("deferral", r.deferral().label());
            }
            g.writeNumberField("index", c.index());
            g.writeStringField("where", c.where());
            g.writeStringField("line", c.line());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** Yuan with exactly 2 decimals; every amount here is whole fen already. */
    private static String money(BigDecimal amount) {
        return amount.setScale(2).toPlainString();
    }
}
