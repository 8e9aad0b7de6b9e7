package org.huzhu.api;

import java.time.LocalDate;

/**
 * A coverage period (保障期): the inclusive dates a year's contribution buys, e.g. 2024-01-01..2024-12-31,
 * or a protection year 2014-10-01..2015-09-30.
 */
public record CoveragePeriod(LocalDate from, LocalDate to) {
    public CoveragePeriod {
        Checks.required(from, "from");
        Checks.required(to, "to");
        Checks.notBefore(to, from, "to", "from");
    }

    public boolean contains(LocalDate date) {
        return date != null && !date.isBefore(from) && !date.isAfter(to);
    }

    @Override
    public String toString() {
        return from + ".." + to;
    }
}
