package org.huzhu.api.ruleset;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a helper's argument as the name of a ruleset parameter of the given type ({@code money}, {@code rate},
 * {@code integer}, {@code codes}, {@code bands}, {@code tiers}, {@code table}). The engine's sandbox requires such
 * an argument to be a string literal and checks at load that {@code parameters.yaml} declares it with that type,
 * so a misspelt or mistyped parameter is refused with file:line instead of failing when the rule first fires.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface ParameterRef {
    /** The parameter type the helper reads. */
    String value();
}
