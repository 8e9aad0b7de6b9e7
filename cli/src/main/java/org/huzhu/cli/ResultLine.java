package org.huzhu.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import org.huzhu.api.Decision;
import org.huzhu.api.EvaluationError;
import org.huzhu.api.Language;
import org.huzhu.api.RulesetInfo;
import org.huzhu.api.Texts;
import org.huzhu.api.json.HuzhuJson;

/**
 * One line of batch output, the same from {@code huzhu batch} and {@code POST /v1/evaluate/batch}
 * ({@code schemas/batch-result.schema.json}): a compact JSON object on one line, either
 * <pre>{"index":0,"where":"claims.jsonl:1","claimId":"C-1","applicationDate":"2021-06-15","decision":{…}}</pre>
 * with the decision exactly as {@code huzhu evaluate --format json} writes it and the claim's application date (which
 * the decision does not hold, and {@code huzhu allocate} ranks by), or
 * <pre>{"index":1,"where":"claims.jsonl:2","claimId":"C-2","error":{"code":"INVALID_INPUT","field":…,"message":…}}</pre>
 * {@code index} counts every input entry from 0, so a consumer can check that none is missing; {@code claimId} is
 * absent when the input did not say it.
 */
final class ResultLine {
    private static final ObjectMapper MAPPER = HuzhuJson.mapper();

    private ResultLine() {
    }

    /** A decided entry's line, without the line break. */
    static String decided(long index, String where, LocalDate applicationDate, Decision d, Texts texts,
            Language lang, RulesetInfo ruleset) {
        ObjectNode line = head(index, where, d.claimId());
        line.put("applicationDate", applicationDate.toString());
        line.set("decision", DecisionJson.tree(d, texts, lang, ruleset));
        return compact(line);
    }

    /** A failed entry's line, without the line break. */
    static String failed(long index, String where, String claimId, EvaluationError error) {
        ObjectNode line = head(index, where, claimId);
        ObjectNode e = line.putObject("error");
        e.put("code", error.code().name());
        if (error.field() != null) {
            e.put("field", error.field());
        }
        e.put("message", error.message());
        return compact(line);
    }

    private static ObjectNode head(long index, String where, String claimId) {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("index", index);
        line.put("where", where);
        if (claimId != null) {
            line.put("claimId", claimId);
        }
        return line;
    }

    private static String compact(ObjectNode line) {
        try {
            return MAPPER.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
