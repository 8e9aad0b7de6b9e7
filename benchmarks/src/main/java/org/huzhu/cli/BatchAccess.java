package org.huzhu.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.LocalDate;
import org.huzhu.api.Decision;
import org.huzhu.api.Language;
import org.huzhu.api.RulesetInfo;
import org.huzhu.api.Texts;

/**
 * The benchmarks' window on the tool's package-private parts (the same package on the class path), so that the
 * harness runs {@code huzhu batch} and renders result lines exactly as the tool does, without widening its API.
 */
public final class BatchAccess {
    private BatchAccess() {
    }

    /** {@code huzhu ARGS} in this JVM, with these streams; the exit code. */
    public static int run(InputStream in, PrintStream out, PrintStream err, String... args) {
        return new Huzhu(in, out, err).run(args);
    }

    /** A decided entry's result line, as {@code huzhu batch} writes it. */
    public static String decidedLine(long index, String where, LocalDate applicationDate, Decision d, Texts texts,
            Language lang, RulesetInfo ruleset) {
        return ResultLine.decided(index, where, applicationDate, d, texts, lang, ruleset);
    }
}
