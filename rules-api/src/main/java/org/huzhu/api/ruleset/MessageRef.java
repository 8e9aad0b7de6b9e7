package org.huzhu.api.ruleset;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a helper's argument as a message key. The engine's sandbox requires a string
 * literal naming a key of the engine's bundle or the ruleset's {@code messages.yaml}, in both languages, with as many
 * values added by {@code with} as its templates have placeholders; checked when the ruleset loads.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface MessageRef {
}
