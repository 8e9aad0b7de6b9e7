package org.huzhu.testkit;

import java.util.List;
import org.huzhu.api.Decision;

/**
 * The outcome of one case: passed when {@code failures} is empty.
 *
 * @param testCase the case
 * @param decision the decision made, or null if evaluation failed
 * @param failures what did not match, one line each
 * @param millis   time taken
 */
public record CaseResult(TestCase testCase, Decision decision, List<String> failures, long millis) {
    public boolean passed() {
        return failures.isEmpty();
    }
}
