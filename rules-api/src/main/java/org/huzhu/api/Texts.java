package org.huzhu.api;

/**
 * Renders a decision's messages and names in one language, from the engine's bundle and the bundle of the ruleset
 * version that decided ({@link SubsidyEngine#texts(Decision)}). Rendering happens only when asked: a decision holds
 * keys and values, not text.
 */
public interface Texts {

    /** The message's template in {@code language}, its placeholders replaced by its values. */
    String render(Message message, Language language);

    /** A benefit kind's display name, e.g. 住院医疗费用补助金; the kind itself if the ruleset does not name it. */
    String kind(String kind, Language language);

    /** A reason code's display name, e.g. 未参保. */
    default String code(ReasonCode code, Language language) {
        return language == Language.ZH ? code.zh() : code.en();
    }

    /**
     * A parameter's display name from the ruleset's {@code parameter.<name>} key, e.g. 住院医疗费用补助金档次; the
     * name itself if the ruleset does not give one.
     */
    String parameter(String name, Language language);
}
