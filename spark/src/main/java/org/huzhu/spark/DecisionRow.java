package org.huzhu.spark;

import java.io.Serializable;
import org.huzhu.api.Decision;
import org.huzhu.api.EvaluationError;
import org.huzhu.api.json.HuzhuJson;

/**
 * One entry's result of an evaluation job (a bean, for {@code Encoders.bean}): its decision, with the columns an
 * actuary filters and sums on beside the whole decision as JSON ({@code HuzhuJson}, what {@code SubsidyEngine}
 * embedders read), or its error. Every entry of the input ends as exactly one row.
 */
public class DecisionRow implements Serializable {
    private static final long serialVersionUID = 1L;

    private long index;
    private String where;
    private String claimId;
    private String scheme;
    private String version;
    private String reform;
    private String rulesetHash;
    private String total;
    private String decision;
    private String errorCode;
    private String errorField;
    private String errorMessage;

    public DecisionRow() {
    }

    static DecisionRow decided(long index, String where, Decision d) {
        DecisionRow r = new DecisionRow();
        r.index = index;
        r.where = where;
        r.claimId = d.claimId();
        r.scheme = d.scheme();
        r.version = d.version();
        r.reform = d.reform();
        r.rulesetHash = d.rulesetHash();
        r.total = d.total().toPlainString();
        r.decision = HuzhuJson.write(d);
        return r;
    }

    static DecisionRow failed(long index, String where, String claimId, EvaluationError e) {
        DecisionRow r = new DecisionRow();
        r.index = index;
        r.where = where;
        r.claimId = claimId;
        r.errorCode = e.code().name();
        r.errorField = e.field();
        r.errorMessage = e.message();
        return r;
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

    public String getScheme() {
        return scheme;
    }

    public void setScheme(String scheme) {
        this.scheme = scheme;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public String getReform() {
        return reform;
    }

    public void setReform(String reform) {
        this.reform = reform;
    }

    public String getRulesetHash() {
        return rulesetHash;
    }

    public void setRulesetHash(String rulesetHash) {
        this.rulesetHash = rulesetHash;
    }

    /** The decision's total, yuan, as a plain decimal string (exact; cast to decimal in SQL to sum). */
    public String getTotal() {
        return total;
    }

    public void setTotal(String total) {
        this.total = total;
    }

    public String getDecision() {
        return decision;
    }

    public void setDecision(String decision) {
        this.decision = decision;
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
