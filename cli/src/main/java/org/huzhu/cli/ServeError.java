package org.huzhu.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.huzhu.api.EvaluationError;
import org.huzhu.api.json.HuzhuJson;

/**
 * A request {@code huzhu serve} refuses, as its HTTP status and the body {@code {"error": {code, field?, message}}}.
 * For a request the engine refused, code, field and message are the {@link EvaluationError} of its exception, the
 * same the CLI prints for the same input; the other codes are the service's own. Statuses (README, openapi.json):
 * <ul>
 *   <li>400 {@code INVALID_INPUT}: the body or a query parameter is wrong; {@code field} names where;</li>
 *   <li>404 {@code NOT_FOUND}: no such route; {@code UNKNOWN_RULESET} on {@code GET /v1/rulesets/{scheme}/{version}};</li>
 *   <li>413 {@code BODY_TOO_LARGE}; 415 {@code UNSUPPORTED_MEDIA_TYPE};</li>
 *   <li>422 {@code UNKNOWN_RULESET}, {@code NO_VERSION_IN_FORCE}, {@code PINNED_VERSION_NOT_IN_FORCE}: a well-formed
 *       request that the loaded rulesets cannot decide;</li>
 *   <li>500 {@code RULESET_ERROR}, {@code EVALUATION_ERROR} (the rules failed on this claim: the CLI's exit 4), and
 *       {@code INTERNAL_ERROR};</li>
 *   <li>503 {@code TIME_LIMIT}: the request ran past its time limit; it may succeed when the service is less busy.</li>
 * </ul>
 */
final class ServeError extends RuntimeException {
    private final int status;
    private final String code;
    private final String field;

    ServeError(int status, String code, String field, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    /** The engine's refusal of one request, with the status its code maps to. */
    static ServeError of(EvaluationError e) {
        int status = switch (e.code()) {
            case INVALID_INPUT -> 400;
            case UNKNOWN_RULESET, NO_VERSION_IN_FORCE, PINNED_VERSION_NOT_IN_FORCE -> 422;
            case RULESET_ERROR, EVALUATION_ERROR -> 500;
        };
        return new ServeError(status, e.code().name(), e.field(), e.message());
    }

    /** A query parameter that is not one of the values it takes. */
    static ServeError badParameter(String name, String expected, String got) {
        return new ServeError(400, EvaluationError.Code.INVALID_INPUT.name(), name,
                name + ": expected " + expected + ", got \"" + got + "\"");
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    String field() {
        return field;
    }

    /** The response body: one JSON document and a line break, as the CLI ends its JSON. */
    String body() {
        ObjectNode root = HuzhuJson.mapper().createObjectNode();
        ObjectNode e = root.putObject("error");
        e.put("code", code);
        if (field != null) {
            e.put("field", field);
        }
        e.put("message", getMessage());
        return HuzhuJson.write(root) + "\n";
    }
}
