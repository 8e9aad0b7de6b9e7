package org.huzhu.api.ruleset;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One named, typed ruleset parameter with its provenance. Exactly the field its type needs is set.
 *
 * @param name        the name rules use
 * @param type        money, rate, integer, codes, bands, tiers, table
 * @param description what it is
 * @param number      value of a money, rate or integer parameter
 * @param codes       value of a codes parameter
 * @param bands       rows of a bands table (amount by band) or a tiers table (rate by tier)
 * @param lowerBoundInclusive for bands and tiers: whether a band's lower bound belongs to it (Wujin: 1,000 is in
 *                    [1,000, 5,000)) or to the band below (Changchun: 10,000 is in (5,000, 10,000])
 * @param table       value of a table parameter (amount by key)
 * @param provenance  where the value comes from
 */
public record Parameter(
        String name,
        String type,
        String description,
        BigDecimal number,
        List<String> codes,
        List<Band> bands,
        boolean lowerBoundInclusive,
        Map<String, BigDecimal> table,
        Provenance provenance) {

    /**
     * Whether the value differs from the figure its source states ({@link Provenance#stated()}): an override or a
     * draft that changed a stated figure, while the clauses quoted still give the source's.
     */
    public boolean differsFromSource() {
        return differsFrom(valueText());
    }

    private boolean differsFrom(String valueText) {
        return provenance != null && provenance.stated() != null && !provenance.stated().equals(valueText);
    }

    /**
     * This parameter as an outcome lists it: value text, provenance and whether it differs from the source, the text
     * computed once ({@link Parameters} keeps one per parameter, so a claim never formats a table again).
     */
    public org.huzhu.api.ParameterUse use() {
        String text = valueText();
        return new org.huzhu.api.ParameterUse(name, text, provenance, differsFrom(text));
    }

    /** The value as text for explanations and reports. */
    public String valueText() {
        return switch (type) {
            case "money", "integer" -> number.toPlainString();
            case "rate" -> Figures.rate(number);
            case "codes" -> String.join(", ", codes);
            case "table" -> table.toString();
            default -> bands.stream().map(b -> "≥" + b.from().toPlainString() + "→" + b.value().toPlainString())
                    .toList().toString();
        };
    }
}
