package org.huzhu.api;

import org.huzhu.api.ruleset.Provenance;

/**
 * One ruleset parameter as a benefit or rejection read it: what it was and where that figure comes from, so a clerk
 * or an auditor can check every figure that decided the outcome against its source.
 *
 * @param name              the parameter's name in the ruleset ({@code inpatientBands}); for one entry of a table
 *                          read by key, the table's name (the entry is keyed {@code name[key]} in the outcome's map)
 * @param value             the value read, as text ({@code Parameter.valueText()}; a table entry's amount)
 * @param provenance        where the value comes from: label seed/derived/assumed, source, and the quoted clause,
 *                          how it was derived or why it was assumed
 * @param differsFromSource whether the value in force differs from the figure the source states (an extension's
 *                          override, a draft), while the clause quoted still gives the source's figure
 */
public record ParameterUse(String name, String value, Provenance provenance, boolean differsFromSource) {
    public ParameterUse {
        Checks.requiredText(name, "name");
        Checks.required(value, "value");
    }
}
