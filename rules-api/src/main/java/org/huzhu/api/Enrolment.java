package org.huzhu.api;

import java.time.LocalDate;

/**
 * An enrolment (参保): the member paid for one coverage period of one scheme.
 *
 * @param scheme scheme id, e.g. {@code wujin}
 * @param from   first day of the coverage period (保障期)
 * @param to     last day of the coverage period, inclusive
 */
public record Enrolment(String scheme, LocalDate from, LocalDate to) {
    public Enrolment {
        Checks.requiredText(scheme, "scheme");
        Checks.required(from, "from");
        Checks.required(to, "to");
        Checks.notBefore(to, from, "to", "from");
    }

    public CoveragePeriod coveragePeriod() {
        return new CoveragePeriod(from, to);
    }

    public boolean covers(String schemeId, LocalDate date) {
        return scheme.equals(schemeId) && date != null && !date.isBefore(from) && !date.isAfter(to);
    }
}
