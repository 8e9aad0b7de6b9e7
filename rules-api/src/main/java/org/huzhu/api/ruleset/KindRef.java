package org.huzhu.api.ruleset;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a helper's argument as a benefit kind. The engine's sandbox requires a string literal (or {@code null}
 * where the helper takes the whole claim) and checks at load that {@code ruleset.yaml} declares the kind: among its
 * {@code benefits}, or, for a helper that reads the history ({@code history = true}), also its {@code historyKinds}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface KindRef {
    /** Whether kinds the ruleset only reads from the history are allowed too. */
    boolean history() default false;
}
