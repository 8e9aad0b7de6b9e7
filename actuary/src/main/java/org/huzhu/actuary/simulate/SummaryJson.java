package org.huzhu.actuary.simulate;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Map;
import org.huzhu.actuary.report.JsonOutput;
import org.huzhu.actuary.simulate.SimulationSummary.BandFigures;
import org.huzhu.actuary.simulate.SimulationSummary.BandSide;
import org.huzhu.actuary.simulate.SimulationSummary.KindFigures;
import org.huzhu.actuary.simulate.SimulationSummary.KindSide;
import org.huzhu.actuary.simulate.SimulationSummary.Outcomes;
import org.huzhu.actuary.simulate.SimulationSummary.PayoutBin;
import org.huzhu.actuary.simulate.SimulationSummary.ScenarioFigures;
import org.huzhu.api.EvaluationError;

/**
 * The summary JSON of a simulation (README, "Simulation": every field and how it is computed). Fields in a fixed
 * order, amounts as plain decimals with at least 2 places, {@code \n} line ends: the same summary gives the same
 * bytes on any machine.
 */
public final class SummaryJson {
    /** Raised when a field changes meaning (fields may be added within a version). */
    public static final String SCHEMA_VERSION = "1";

    private SummaryJson() {
    }

    /** Writes the summary to {@code out} (UTF-8), leaving it open. */
    public static void write(SimulationSummary s, OutputStream out) {
        try (JsonGenerator g = JsonOutput.pretty(out)) {
            g.writeStartObject();
            g.writeStringField("schemaVersion", SCHEMA_VERSION);
            g.writeNumberField("claims", s.claims());
            g.writeNumberField("members", s.members());
            scenario(g, "baseline", s.baseline());
            scenario(g, "reform", s.reform());
            money(g, "delta", s.delta());
            g.writeFieldName("deltaPercent");
            if (s.deltaPercent() == null) {
                g.writeNull();
            } else {
                g.writeNumber(s.deltaPercent());
            }
            outcomes(g, "claimOutcomes", s.claimOutcomes());
            outcomes(g, "memberOutcomes", s.memberOutcomes());
            g.writeArrayFieldStart("byKind");
            for (KindFigures k : s.byKind()) {
                g.writeStartObject();
                g.writeStringField("kind", k.kind());
                g.writeStringField("nameZh", k.nameZh());
                g.writeStringField("nameEn", k.nameEn());
                kindSide(g, "baseline", k.baseline());
                kindSide(g, "reform", k.reform());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("byBand");
            for (BandFigures b : s.byBand()) {
                g.writeStartObject();
                g.writeStringField("band", b.band().label());
                bandSide(g, "baseline", b.baseline());
                bandSide(g, "reform", b.reform());
                outcomes(g, "claims", b.claims());
                outcomes(g, "members", b.members());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("distribution");
            for (PayoutBin bin : s.distribution()) {
                g.writeStartObject();
                money(g, "from", bin.from());
                money(g, "to", bin.to());
                g.writeNumberField("baseline", bin.baseline());
                g.writeNumberField("reform", bin.reform());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void scenario(JsonGenerator g, String name, ScenarioFigures f) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("name", f.name());
        g.writeStringField("ruleset", f.ruleset());
        g.writeArrayFieldStart("rulesetHashes");
        for (String h : f.rulesetHashes()) {
            g.writeString(h);
        }
        g.writeEndArray();
        g.writeNumberField("entries", f.entries());
        g.writeNumberField("decided", f.decided());
        g.writeNumberField("errors", f.errors());
        g.writeObjectFieldStart("errorsByCode");
        for (Map.Entry<EvaluationError.Code, Long> e : f.errorsByCode().entrySet()) {
            g.writeNumberField(e.getKey().name(), e.getValue());
        }
        g.writeEndObject();
        money(g, "cost", f.cost());
        g.writeObjectFieldStart("pending");
        g.writeNumberField("claims", f.pending().claims());
        money(g, "min", f.pending().min());
        money(g, "max", f.pending().max());
        g.writeEndObject();
        g.writeFieldName("payouts");
        if (f.payouts() == null) {
            g.writeNull();
        } else {
            g.writeStartObject();
            money(g, "mean", f.payouts().mean());
            money(g, "p50", f.payouts().p50());
            money(g, "p90", f.payouts().p90());
            money(g, "p99", f.payouts().p99());
            money(g, "max", f.payouts().max());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void kindSide(JsonGenerator g, String name, KindSide k) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("claims", k.claims());
        money(g, "cost", k.cost());
        g.writeNumberField("pendingClaims", k.pendingClaims());
        g.writeEndObject();
    }

    private static void bandSide(JsonGenerator g, String name, BandSide b) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("claims", b.claims());
        money(g, "cost", b.cost());
        g.writeEndObject();
    }

    private static void outcomes(JsonGenerator g, String name, Outcomes o) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("winners", o.winners());
        g.writeNumberField("losers", o.losers());
        g.writeNumberField("unchanged", o.unchanged());
        g.writeNumberField("compared", o.compared());
        g.writeEndObject();
    }

    private static void money(JsonGenerator g, String name, BigDecimal amount) throws IOException {
        g.writeFieldName(name);
        g.writeNumber(SummaryTally.money(amount));
    }
}
