package org.huzhu.actuary.population;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.huzhu.api.EvaluationError;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.EvaluationResult;
import org.huzhu.api.SubsidyEngine;

/**
 * One claim of a population: the request to evaluate, or, when its lines could not become one, why not. A reader
 * never drops input: every line it reads ends in exactly one entry (or is blank).
 *
 * @param index   the entry's position in the population, from 0, counting error entries too
 * @param where   the source and line(s) it came from ({@code claims.jsonl:7}, {@code claims.csv:12-14})
 * @param claimId the claim's id when it could be read, even from a row that is otherwise wrong; else null
 * @param request the request, or null when {@code error} is set
 * @param error   why the lines are not a request, or null
 */
public record PopulationEntry(long index, String where, String claimId, EvaluationRequest request,
        EvaluationError error) {
    public PopulationEntry {
        Objects.requireNonNull(where, "where");
        if ((request == null) == (error == null)) {
            throw new IllegalArgumentException("an entry has a request or an error, never both or neither");
        }
    }

    /** An entry holding a request; its claim id is the request's. */
    public static PopulationEntry of(long index, String where, EvaluationRequest request) {
        return new PopulationEntry(index, where, request.claim().id(), request, null);
    }

    /** An entry whose lines could not become a request. */
    public static PopulationEntry failed(long index, String where, String claimId, EvaluationError error) {
        return new PopulationEntry(index, where, claimId, null, error);
    }

    /**
     * The entry of one line of a JSON Lines population that is not blank, exactly as {@link Population#jsonLines}
     * reads it: for readers that split the file themselves (the Spark job reads its lines in parallel).
     *
     * @param where names the line in errors ({@code claims.jsonl:7})
     */
    public static PopulationEntry ofJsonLine(long index, String where, String line) {
        return JsonLinesPopulation.entry(index, where, line);
    }

    public boolean failed() {
        return error != null;
    }

    /**
     * Decides entries together: the requests of those that hold one in a single {@link SubsidyEngine#evaluateAll}, each
     * first passed through {@code request} (e.g. a ruleset the caller pins; {@code UnaryOperator.identity()} for
     * none). One result per entry, in their order, with the entry's {@code index} and {@code claimId}: its decision,
     * or why not (the entry's own error, or the engine's).
     */
    public static List<EvaluationResult> decideAll(SubsidyEngine engine, List<PopulationEntry> entries,
            UnaryOperator<EvaluationRequest> request) {
        List<EvaluationRequest> requests = new ArrayList<>(entries.size());
        for (PopulationEntry e : entries) {
            if (!e.failed()) {
                requests.add(request.apply(e.request()));
            }
        }
        List<EvaluationResult> decided = engine.evaluateAll(requests);
        List<EvaluationResult> results = new ArrayList<>(entries.size());
        int next = 0;
        for (PopulationEntry e : entries) {
            EvaluationResult r = e.failed() ? null : decided.get(next++);
            results.add(new EvaluationResult(e.index(), e.claimId(), r == null ? null : r.decision(),
                    r == null ? e.error() : r.error()));
        }
        return results;
    }
}
