package org.huzhu.api.ruleset;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a helper's argument as a {@link org.huzhu.api.ReasonCode} name. The engine's sandbox requires a string
 * literal naming one of the codes, checked when the ruleset loads.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface CodeRef {
}
