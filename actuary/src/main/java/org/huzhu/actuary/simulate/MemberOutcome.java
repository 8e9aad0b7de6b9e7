package org.huzhu.actuary.simulate;

import java.math.BigDecimal;

/**
 * One member's claims compared: the sums of the payouts of its claims decided under both scenarios.
 *
 * @param memberId the member's id
 * @param baseline the sum of those claims' payouts under the baseline
 * @param reform   the same under the reform
 *
 * @param band     the highest baseline band among those claims ({@link BaseBand#NONE} if none shows one)
 * @param compared whether any of its claims was decided under both; if not, the member is counted but not compared
 */
public record MemberOutcome(String memberId, BaseBand band, BigDecimal baseline, BigDecimal reform, boolean compared) {
}
