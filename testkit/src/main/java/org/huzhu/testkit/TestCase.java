package org.huzhu.testkit;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.huzhu.api.AmountRange;
import org.huzhu.api.EvaluationRequest;

/**
 * One case from a case file: a request and what it must produce. A case whose YAML could not be bound carries
 * the binding error instead of a request, so that it is reported as a failure, never dropped.
 *
 * @param file         the case file
 * @param name         the case's name
 * @param request      the request, or null when {@code inputError} is set
 * @param inputError   why the case's input could not be read, or null
 * @param expectation  what it must produce
 * @param reform       the reform file its case file carries ({@code reform:}): the case is decided by an engine
 *                     holding that reform; null for a case of the rulesets as they are
 */
public record TestCase(String file, String name, EvaluationRequest request, String inputError,
                       Expectation expectation, Path reform) {

    /** A case of the rulesets as they are, without a reform. */
    public TestCase(String file, String name, EvaluationRequest request, String inputError, Expectation expectation) {
        this(file, name, request, inputError, expectation, null);
    }

    /**
     * What a case expects.
     *
     * @param benefits   amount (or range) by benefit kind; kinds not listed must be absent or 0
     * @param rejections tokens that must each match some rejection (a reason code name matches the code, other
     *                   text a substring of the message); null = not checked, empty = no rejection
     * @param review     whether the decision must (or must not) need review; null = not checked
     * @param reviewFlags tokens that must each match some review flag, like {@code rejections}; null = not checked
     * @param warnings   tokens that must each match some warning, like {@code rejections}, [] = no warning;
     *                   null = not checked
     * @param version    the ruleset version the decision must come from, e.g. {@code 2024}; null = not checked
     * @param error      a substring of the error the evaluation must fail with; null = must not fail
     */
    public record Expectation(Map<String, BigDecimal> benefits, Map<String, AmountRange> ranges,
                              List<String> rejections, Boolean review, List<String> reviewFlags,
                              List<String> warnings, String version, String error) {
    }
}
