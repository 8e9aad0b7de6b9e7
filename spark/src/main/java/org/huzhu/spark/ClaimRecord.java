package org.huzhu.spark;

import java.io.Serializable;
import org.huzhu.actuary.population.PopulationEntry;
import org.huzhu.api.EvaluationError;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.HuzhuException;
import org.huzhu.api.json.HuzhuJson;

/**
 * One entry of a population as a Spark row (a bean, for {@code Encoders.bean}): the request as its JSON, the one
 * form that carries everything the model has, with the columns the job partitions and sorts by; or the error of an
 * entry that could not be read. A {@code Dataset<ClaimRecord>} is the job's input however the population came
 * ({@link SparkPopulations}), and what it writes to and reads from Parquet.
 */
public class ClaimRecord implements Serializable {
    private static final long serialVersionUID = 1L;

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

    /** Back to the entry: the request read from its JSON (strictly, as any request), or the error. */
    public PopulationEntry entry() {
        if (request == null) {
            EvaluationError error = errorCode == null
                    ? new EvaluationError(EvaluationError.Code.INVALID_INPUT, null, where + ": no request and no error")
                    : new EvaluationError(EvaluationError.Code.valueOf(errorCode), errorField, errorMessage);
            return PopulationEntry.failed(index, where, claimId, error);
        }
        try {
            return PopulationEntry.of(index, where, HuzhuJson.read(request, EvaluationRequest.class, where));
        } catch (HuzhuException e) {
            return PopulationEntry.failed(index, where, claimId, EvaluationError.of(e));
        }
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
