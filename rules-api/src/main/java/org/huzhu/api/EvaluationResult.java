package org.huzhu.api;

/**
 * The result of one request in a batch: a decision or an error, never neither.
 *
 * @param index    the request's position in the batch or stream, from 0
 * @param claimId  the claim's id
 * @param decision the decision, or null if the claim failed
 * @param error    why it failed (code, field, message), or null if a decision was made
 */
public record EvaluationResult(long index, String claimId, Decision decision, EvaluationError error) {
    public EvaluationResult {
        if ((decision == null) == (error == null)) {
            throw new IllegalArgumentException("exactly one of decision and error must be set");
        }
    }

    public boolean failed() {
        return error != null;
    }
}
