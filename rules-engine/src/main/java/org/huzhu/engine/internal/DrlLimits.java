package org.huzhu.engine.internal;

import org.huzhu.api.RulesetRefusedException;

/**
 * A cheap lexical pass over a DRL file before any parser sees it: bounds bracket nesting, line length, string
 * literal length and the number of rules, so that a file built to overflow the parser's stack (5,000 nested
 * parentheses) or to take seconds to compile (12,000 rules) is refused with file:line instead.
 *
 * <p>This is a resource limit, not a security filter: it only skips string literals, character literals, text
 * blocks and comments so that brackets inside them do not count; what a rule may do is the sandbox's business.
 */
final class DrlLimits {
    private DrlLimits() {
    }

    /**
     * Checks one DRL file against {@link LoadingLimits}.
     *
     * @param file the file as named in errors ({@code origin/rules/x.drl})
     * @return the number of rules counted ({@code rule} keywords followed by a name, outside brackets)
     * @throws RulesetRefusedException naming file:line of the first limit exceeded
     */
    static int check(String file, String drl) {
        int depth = 0;
        int line = 1;
        int lineStart = 0;
        int rules = 0;
        int n = drl.length();
        int i = 0;
        while (i < n) {
            char c = drl.charAt(i);
            if (c == '\n') {
                checkLine(file, line, i - lineStart);
                line++;
                lineStart = i + 1;
                i++;
                continue;
            }
            if (c == '/' && i + 1 < n && drl.charAt(i + 1) == '/') {
                i = skipTo(drl, i, "\n");   // leaves i at the newline, which the loop counts
                continue;
            }
            if (c == '/' && i + 1 < n && drl.charAt(i + 1) == '*') {
                int end = drl.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                for (int k = i; k < end; k++) {
                    if (drl.charAt(k) == '\n') {
                        checkLine(file, line, k - lineStart);
                        line++;
                        lineStart = k + 1;
                    }
                }
                i = end;
                continue;
            }
            if (c == '"' || c == '\'') {
                int startLine = line;
                boolean textBlock = c == '"' && drl.startsWith("\"\"\"", i);
                int k = textBlock ? i + 3 : i + 1;
                int chars = 0;
                while (k < n) {
                    char d = drl.charAt(k);
                    if (d == '\\' && k + 1 < n) {
                        k += 2;
                        chars += 2;
                        continue;
                    }
                    if (textBlock ? drl.startsWith("\"\"\"", k) : d == c) {
                        k += textBlock ? 3 : 1;
                        break;
                    }
                    if (d == '\n') {
                        checkLine(file, line, k - lineStart);
                        line++;
                        lineStart = k + 1;
                    }
                    k++;
                    chars++;
                }
                if (chars > LoadingLimits.MAX_DRL_LITERAL_CHARS) {
                    throw refuse(file, startLine, "a string literal of " + chars + " characters is longer than "
                            + "the limit of " + LoadingLimits.MAX_DRL_LITERAL_CHARS);
                }
                i = k;
                continue;
            }
            switch (c) {
                case '(', '[', '{' -> {
                    depth++;
                    if (depth > LoadingLimits.MAX_DRL_NESTING) {
                        throw refuse(file, line, "brackets are nested more than " + LoadingLimits.MAX_DRL_NESTING
                                + " deep");
                    }
                }
                case ')', ']', '}' -> depth = Math.max(0, depth - 1);   // unbalanced: the parser says so
                default -> {
                    if (Character.isJavaIdentifierStart(c)) {
                        int end = i + 1;
                        while (end < n && Character.isJavaIdentifierPart(drl.charAt(end))) {
                            end++;
                        }
                        if (depth == 0 && end - i == 4 && drl.startsWith("rule", i) && startsRule(drl, i, end)) {
                            rules++;
                            if (rules > LoadingLimits.MAX_RULES) {
                                throw refuse(file, line, "more than " + LoadingLimits.MAX_RULES + " rules");
                            }
                        }
                        i = end;   // a whole identifier: "myrule" or "rules" is not the keyword
                                continue;
                    }
                }
            }
            if (!Character.isWhitespace(c)) {
            }
            i++;
        }
        checkLine(file, line, n - lineStart);
        return rules;
    }

    /**
     * Whether the {@code rule} at {@code start..end} starts a rule: not a member ({@code x.rule}) and followed by
     * a name (quoted or not). Rules need not start a line ({@code end rule "b"}), so position is not enough.
     */
    private static boolean startsRule(String drl, int start, int end) {
        int before = start - 1;
        while (before >= 0 && (drl.charAt(before) == ' ' || drl.charAt(before) == '\t')) {
            before--;
        }
        if (before >= 0 && (drl.charAt(before) == '.' || drl.charAt(before) == '$')) {
            return false;
        }
        int after = end;
        while (after < drl.length() && Character.isWhitespace(drl.charAt(after))) {
            after++;
        }
        if (after == end || after >= drl.length()) {
            return false;
        }
        char next = drl.charAt(after);
        return next == '"' || next == '\'' || Character.isJavaIdentifierStart(next);
    }

    private static int skipTo(String text, int from, String marker) {
        int at = text.indexOf(marker, from);
        return at < 0 ? text.length() : at;
    }

    private static void checkLine(String file, int line, int chars) {
        if (chars > LoadingLimits.MAX_DRL_LINE_CHARS) {
            throw refuse(file, line, "line of " + chars + " characters is longer than the limit of "
                    + LoadingLimits.MAX_DRL_LINE_CHARS);
        }
    }

    private static RulesetRefusedException refuse(String file, int line, String message) {
        return new RulesetRefusedException(file + ":" + line, message);
    }
}
