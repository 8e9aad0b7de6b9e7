package org.huzhu.spark;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.Serializable;
import org.huzhu.actuary.population.PopulationEntry;
import org.huzhu.api.EvaluationError;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.json.HuzhuJson;

/**
 * One entry of a population as a Spark row (a bean, for {@code Encoders.bean}): the request as its JSON, the one
 * form that carries everything the model has, with the columns the job partitions and sorts by; or the error of an
 * entry that could not be read. A {@code Dataset<ClaimRecord>} is the job's input however the population came
 * ({@link SparkPopulations}), and what it writes to and reads from Parquet.
 */
public class ClaimRecord implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final JsonFactory KEYS = new JsonFactory();

    private long index;
    private String where;
    private String claimId;
    private String memberId;
    private String claimDate;
    private String request;
    private String errorCode;
    private String errorField;
    private String errorMessage;

    public ClaimRecord() {
    }

    /** The record of an entry; {@code requestJson} is its request's JSON (null for an error entry). */
    public static ClaimRecord of(PopulationEntry entry, String requestJson) {
        ClaimRecord r = new ClaimRecord();
        r.index = entry.index();
        r.where = entry.where();
        r.claimId = entry.claimId();
        if (entry.failed()) {
            r.errorCode = entry.error().code().name();
            r.errorField = entry.error().field();
            r.errorMessage = entry.error().message();
        } else {
            EvaluationRequest q = entry.request();
            r.memberId = q.claim().member().id();
            r.claimDate = q.claim().claimDate().toString();
            r.request = requestJson;
        }
        return r;
    }

    /** The record of an entry, its request written as JSON. */
    public static ClaimRecord of(PopulationEntry entry) {
        return of(entry, entry.failed() ? null : HuzhuJson.write(entry.request()));
    }

    /**
     * The record of a JSON line not yet read as a request: only its member id, claim date and claim id are picked
     * out ({@link #keysOf}, for partitioning and sorting); {@link #entry()} reads it, strictly, where it is evaluated,
     * so each line is parsed once. A line that is not a valid request becomes its error entry there.
     */
    public static ClaimRecord ofJsonLine(long index, String where, String line) {
        ClaimRecord r = new ClaimRecord();
        r.index = index;
        r.where = where;
        r.request = line;
        String[] keys = keysOf(line);
        r.claimId = keys[0];
        r.memberId = keys[1];
        r.claimDate = keys[2];
        return r;
    }

    /**
     * {@code claim.id}, {@code claim.member.id} and {@code claim.claimDate} of a request's JSON, read with Jackson's
     * streaming parser without binding anything; each null when absent, not text, or the JSON is broken there.
     */
    static String[] keysOf(String json) {
        String[] keys = new String[3];
        try (JsonParser p = KEYS.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return keys;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                if (p.nextToken() == JsonToken.START_OBJECT && field.equals("claim")) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String claimField = p.currentName();
                        JsonToken t = p.nextToken();
                        if (t == JsonToken.VALUE_STRING && claimField.equals("id")) {
                            keys[0] = p.getText();
                        } else if (t == JsonToken.VALUE_STRING && claimField.equals("claimDate")) {
                            keys[2] = p.getText();
                        } else if (t == JsonToken.START_OBJECT && claimField.equals("member")) {
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String memberField = p.currentName();
                                if (p.nextToken() == JsonToken.VALUE_STRING && memberField.equals("id")) {
                                    keys[1] = p.getText();
                                } else {
                                    p.skipChildren();
                                }
                            }
                        } else {
                            p.skipChildren();
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            // Broken JSON: the keys found before the fault are kept; entry() reports the fault.
        }
        return keys;
    }

    /**
     * Back to the entry: the request read from its JSON strictly, exactly as {@link PopulationEntry#ofJsonLine}
     * (the stream reader's code) reads a line, or the error.
     */
    public PopulationEntry entry() {
        if (request == null) {
            EvaluationError error = errorCode == null
                    ? new EvaluationError(EvaluationError.Code.INVALID_INPUT, null, where + ": no request and no error")
                    : new EvaluationError(EvaluationError.Code.valueOf(errorCode), errorField, errorMessage);
            return PopulationEntry.failed(index, where, claimId, error);
        }
        return PopulationEntry.ofJsonLine(index, where, request);
    }

    public long getIndex() {
        return index;
    }

    public void setIndex(long index) {
        this.index = index;
    }

    public String getWhere() {
        return where;
    }

    public void setWhere(String where) {
        this.where = where;
    }

    public String getClaimId() {
        return claimId;
    }

    public void setClaimId(String claimId) {
        this.claimId = claimId;
    }

    public String getMemberId() {
        return memberId;
    }

    public void setMemberId(String memberId) {
        this.memberId = memberId;
    }

    public String getClaimDate() {
        return claimDate;
    }

    public void setClaimDate(String claimDate) {
        this.claimDate = claimDate;
    }

    public String getRequest() {
        return request;
    }

    public void setRequest(String request) {
        this.request = request;
    }

    public String getErrorCode() {
        return errorCode;
    }

    public void setErrorCode(String errorCode) {
        this.errorCode = errorCode;
    }

    public String getErrorField() {
        return errorField;
    }

    public void setErrorField(String errorField) {
        this.errorField = errorField;
    }

    public String getErrorMessage() {
        return errorMessage;
    }

    public void setErrorMessage(String errorMessage) {
        this.errorMessage = errorMessage;
    }
}
