package org.huzhu.api.ruleset;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link ClaimContext} method that a rule's conditions may call: it writes no explanation step, records no
 * outcome and reads nothing that rules record, so its answer is the same whenever Drools evaluates the condition
 * (for a {@code ClaimContext} pattern that is when the claim is inserted, before any rule has fired). The sandbox
 * refuses every other ClaimContext method in a condition, naming the file and line; consequences may call any.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Pure {
}
