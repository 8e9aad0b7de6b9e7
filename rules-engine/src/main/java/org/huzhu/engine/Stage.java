package org.huzhu.engine;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The stages a claim's rules run in, in order. A rule names its stage with {@code @stage("count")}; the sandbox
 * turns it into the rule's Drools agenda group, and the engine focuses the groups one after the other, inserting the
 * {@code Base} facts after {@code count} and the {@code Granted} facts after {@code grant}.
 */
enum Stage {
    /** Rules count each stay toward named bases ({@code count}, {@code deduct}). */
    COUNT,
    /** Rules match the bases and the claim's facts and grant, refuse or flag. */
    GRANT,
    /** Rules match what was granted: caps across benefits, top-ups. */
    ADJUST;

    /** Made once: the engine asks for its stages' groups on every claim. */
    private final String agendaGroup = "huzhu-stage-" + label();

    /** The name a rule gives in {@code @stage("…")}. */
    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The Drools agenda group the stage's rules go into. */
    String agendaGroup() {
        return agendaGroup;
    }

    /** The stage named {@code label}, or null. */
    static Stage of(String label) {
        return Arrays.stream(values()).filter(s -> s.label().equals(label)).findFirst().orElse(null);
    }

    static String labels() {
        return Arrays.stream(values()).map(s -> "\"" + s.label() + "\"").collect(Collectors.joining(", "));
    }
}
