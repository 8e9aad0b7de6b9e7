package org.huzhu.engine.internal;

import java.math.BigDecimal;
import org.huzhu.api.Limits;

/**
 * Every limit on what the engine loads, in one place. Rulesets and case files are written outside the team, so
 * each input the loader reads is bounded before it is parsed: a file too large, too deeply nested or with too many
 * rules is refused with its file (and line), never left to exhaust time, memory or the stack.
 *
 * <p>These are resource limits, not a security filter: the sandbox decides what a rule may do.
 */
public final class LoadingLimits {
    /** Bytes in one {@code rules/*.drl} file (256 KiB; the largest bundled file is under 5 KiB). */
    public static final long MAX_DRL_BYTES = 256 * 1024;
    /** {@code rules/*.drl} files in one ruleset version. */
    public static final int MAX_DRL_FILES = 64;
    /** Bytes of DRL in one ruleset version, all files together (1 MiB). */
    public static final long MAX_DRL_BYTES_PER_RULESET = 1024 * 1024;
    /**
     * Rules in one ruleset version. Counted lexically (a {@code rule} keyword followed by a name, outside strings,
     * comments and brackets) before anything is parsed: compiling 12,000 rules takes Drools 13–21 s at every start.
     */
    public static final int MAX_RULES = 1_000;
    /** Nesting depth of {@code ( [ {} in a DRL file, outside string literals and comments. */
    public static final int MAX_DRL_NESTING = 64;
    /** Characters in one line of a DRL file. */
    public static final int MAX_DRL_LINE_CHARS = 1_000;
    /** Characters in one string literal of a DRL file (a literal may not dodge the line limit by spanning lines). */
    public static final int MAX_DRL_LITERAL_CHARS = 1_000;

    /**
     * Versions a version may stand on through {@code extends} (phase 3 extends phase 2 extends phase 1 is 2). Each
     * step reads and hashes the whole chain again; a chain is a policy's history, not a data structure.
     */
    public static final int MAX_EXTENDS_DEPTH = 8;

    /** Bytes of {@code ruleset.yaml}. */
    public static final long MAX_METADATA_BYTES = 64 * 1024;
    /** Bytes of {@code parameters.yaml}. */
    public static final long MAX_PARAMETERS_BYTES = 256 * 1024;
    /** Bytes of one case file (8 MiB). */
    public static final long MAX_CASE_FILE_BYTES = 8 * 1024 * 1024;
    /** Case files in one ruleset version's {@code cases/}. */
    public static final int MAX_CASE_FILES = 256;

    /** Nesting depth of YAML collections (ruleset.yaml, parameters.yaml, case files). */
    public static final int MAX_YAML_NESTING = 50;
    /** YAML aliases ({@code *name}) per file that refer to collections: a "billion laughs" file is refused. */
    public static final int MAX_YAML_ALIASES = 50;

    /** Money parameters: the ceiling, the same as for claim amounts ({@link Limits#MAX_AMOUNT}). */
    public static final BigDecimal MAX_MONEY = Limits.MAX_AMOUNT;
    /** Money parameters: decimal places (fen), as claim amounts. */
    public static final int MONEY_SCALE = Limits.AMOUNT_SCALE;
    /** Rate parameters: decimal places (rates are fractions 0..1), as claim shares. */
    public static final int RATE_SCALE = Limits.RATE_SCALE;
    /** Integer parameters: the ceiling (they count days, months, ages). */
    public static final int MAX_INTEGER = 100_000;
    /** Rows of a {@code bands}, {@code tiers} or {@code table} parameter, and entries of a {@code codes} list. */
    public static final int MAX_PARAMETER_ROWS = 200;
    /** Characters of one code in a {@code codes} parameter or a {@code table} key. */
    public static final int MAX_CODE_CHARS = 100;

    private LoadingLimits() {
    }

    /** {@code 262144} → {@code 256 KiB}. */
    static String bytes(long n) {
        if (n % (1024 * 1024) == 0) {
            return n / (1024 * 1024) + " MiB";
        }
        return n % 1024 == 0 ? n / 1024 + " KiB" : n + " bytes";
    }
}
