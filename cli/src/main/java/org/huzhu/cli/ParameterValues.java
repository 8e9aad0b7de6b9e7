package org.huzhu.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.huzhu.api.ruleset.Parameter;

/**
 * A parameter's value typed for JSON, the same in {@code show} and in a decision: money and integers as numbers,
 * rates as decimals ({@code 0.34}, never {@code "34%"}), codes as an array, bands and tiers as arrays of
 * {@code {from, amount}} / {@code {from, rate}} rows, tables as objects in the file's order.
 */
final class ParameterValues {
    private ParameterValues() {
    }

    static Object typed(Parameter x) {
        return switch (x.type()) {
            case "money", "rate", "integer" -> x.number();
            case "codes" -> x.codes();
            case "table" -> x.table();
            default -> x.bands().stream().map(band -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("from", band.from());
                row.put(x.type().equals("bands") ? "amount" : "rate", band.value());
                return row;
            }).toList();
        };
    }
}
