package org.huzhu.actuary.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.huzhu.actuary.population.Population;
import org.huzhu.actuary.population.PopulationWriter;
import org.huzhu.api.CareSetting;
import org.huzhu.api.Claim;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.HospitalStay;
import org.huzhu.api.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generator: the same seed gives the same bytes, another seed other claims; claims ordered by member then date,
 * inside the coverage year; and the drawn distributions have the shape's parameters, within tolerances worked out
 * from each statistic's standard error.
 */
class PopulationGeneratorTest {
    static List<String> schemes() {
        return Shape.bundledSchemes();
    }

    private static byte[] written(String scheme, long seed, long claims, Population.Format format) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PopulationWriter out = PopulationWriter.of(format, bytes)) {
            new PopulationGenerator(scheme, Shape.of(scheme), seed).stream(claims).forEach(out::write);
        }
        return bytes.toByteArray();
    }

    @Test
    void theSameSeedGivesTheSameBytesInEitherFormat() {
        for (Population.Format format : Population.Format.values()) {
            byte[] first = written("changchun", 20240917L, 5_000, format);
            byte[] second = written("changchun", 20240917L, 5_000, format);
            assertThat(first).as(format.name()).hasSizeGreaterThan(5_000 * 100);
            assertThat(second).as(format.name()).isEqualTo(first);
        }
    }

    @Test
    void anotherSeedGivesOtherClaimsAndOtherIds() {
        List<EvaluationRequest> a = new PopulationGenerator("wujin", Shape.of("wujin"), 1).stream(2_000).toList();
        List<EvaluationRequest> b = new PopulationGenerator("wujin", Shape.of("wujin"), 2).stream(2_000).toList();
        assertThat(a.get(0).claim().id()).isNotEqualTo(b.get(0).claim().id());
        // Not only the ids: the amounts drawn differ too.
        assertThat(selfPays(a)).isNotEqualTo(selfPays(b));
        Set<String> idsA = a.stream().map(r -> r.claim().id()).collect(Collectors.toSet());
        assertThat(b).noneMatch(r -> idsA.contains(r.claim().id()));
    }

    private static List<BigDecimal> selfPays(List<EvaluationRequest> requests) {
        return requests.stream().flatMap(r -> r.claim().stays().stream()).map(HospitalStay::selfPay).toList();
    }

    @Test
    void idsAreTheSeedsTagAndTheIndex() {
        PopulationGenerator g = new PopulationGenerator("wujin", Shape.of("wujin"), 42);
        List<EvaluationRequest> claims = g.stream(50).toList();
        String tag = String.format("%08x", SplitMix64.mix(42) >>> 32);
        for (int i = 0; i < claims.size(); i++) {
            assertThat(claims.get(i).claim().id()).isEqualTo("wujin-" + tag + "-" + String.format("%09d", i));
        }
        assertThat(claims.get(0).claim().member().id()).isEqualTo("wujin-" + tag + "-M000000000");
        assertThat(g.claimId(123_456_789)).isEqualTo("wujin-" + tag + "-123456789");
    }

    @Test
    void aSmallerPopulationIsTheStartOfALargerOne() {
        PopulationGenerator g = new PopulationGenerator("shaoxing", Shape.of("shaoxing"), 77);
        List<EvaluationRequest> large = g.stream(1_000).toList();
        // 701 is unlikely to end on a member's last claim: the last member is cut.
        assertThat(g.stream(701).toList()).isEqualTo(large.subList(0, 701));
        assertThat(g.stream(0).toList()).isEmpty();
    }

    @Test
    void aClaimCountOutOfRangeIsRefused() {
        PopulationGenerator g = new PopulationGenerator("wujin", Shape.of("wujin"), 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> g.iterator(-1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("claims");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> g.iterator(1_000_000_000L))
                .hasMessageContaining("0..999999999");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PopulationGenerator("wujin@2024",
                Shape.of("wujin"), 1)).hasMessageContaining("scheme id");
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void claimsComeByMemberThenDateAndStayInsideTheCoverageYear(String scheme) {
        Shape shape = Shape.of(scheme);
        LocalDate start = shape.yearStart();
        LocalDate end = shape.yearEnd();
        List<EvaluationRequest> claims = new PopulationGenerator(scheme, shape, 5).stream(5_000).toList();
        Set<String> finished = new HashSet<>();
        String member = null;
        LocalDate lastDate = null;
        Map<String, List<HospitalStay>> staysByMember = new java.util.LinkedHashMap<>();
        for (EvaluationRequest r : claims) {
            Claim c = r.claim();
            assertThat(r.ruleset()).isEqualTo(scheme);
            assertThat(r.history().payments()).isEmpty();
            assertThat(r.history().earlierStays()).isEmpty();
            if (!c.member().id().equals(member)) {
                assertThat(finished).as("a member's claims are consecutive").doesNotContain(c.member().id());
                if (member != null) {
                    finished.add(member);
                }
                member = c.member().id();
                lastDate = null;
            }
            if (lastDate != null) {
                assertThat(c.claimDate()).as(c.id()).isAfterOrEqualTo(lastDate);
            }
            lastDate = c.claimDate();
            assertThat(c.claimDate()).as(c.id()).isBetween(start, end);
            for (HospitalStay s : c.stays()) {
                assertThat(s.admissionDate()).isBetween(start, end);
                assertThat(s.dischargeDate()).isBetween(start, end);
                staysByMember.computeIfAbsent(member, k -> new ArrayList<>()).add(s);
            }
            if (c.diagnosis() != null) {
                assertThat(c.diagnosis().firstDiagnosisDate()).isBetween(start, c.stays().get(0).admissionDate());
            }
            if (c.death() != null) {
                assertThat(c.death().date()).isBetween(start, end);
            }
            if (c.fireLoss() != null) {
                assertThat(c.fireLoss().date()).isBetween(start, end);
            }
            c.member().enrolments().forEach(e -> {
                assertThat(e.scheme()).isEqualTo(scheme);
                assertThat(e.from()).isEqualTo(start);
                assertThat(e.to()).isEqualTo(end);
            });
            if (!shape.coverage().enrolment()) {
                assertThat(c.member().enrolments()).isEmpty();
            }
        }
        // A member's stays never overlap and have ids of their own (a simulation carries them as earlier stays).
        staysByMember.forEach((id, stays) -> {
            List<HospitalStay> inTime = new ArrayList<>(stays);
            inTime.sort(java.util.Comparator.comparing(HospitalStay::admissionDate));
            for (int i = 1; i < inTime.size(); i++) {
                assertThat(inTime.get(i).admissionDate()).as(id).isAfter(inTime.get(i - 1).dischargeDate());
            }
            assertThat(stays.stream().map(HospitalStay::id).distinct().count()).as(id).isEqualTo(stays.size());
        });
    }

    /**
     * The first 100,000 stays of a Wujin population (seed 20241231), against the shape's parameters. Each tolerance
     * is about 4 to 5 standard errors of its statistic at this sample size, worked out below, so the check fails on a
     * wrong parameter or draw, not on chance.
     */
    @Test
    void drawnStaysHaveTheShapesDistributions() {
        Shape shape = Shape.of("wujin");
        List<EvaluationRequest> claims = new ArrayList<>();
        List<HospitalStay> stays = new ArrayList<>();
        for (var it = new PopulationGenerator("wujin", shape, 20241231L).iterator(200_000); stays.size() < 100_000; ) {
            EvaluationRequest r = it.next();
            claims.add(r);
            stays.addAll(r.claim().stays());
        }
        stays = stays.subList(0, 100_000);
        int n = stays.size();
        assertThat(stays).allMatch(s -> s.setting() == CareSetting.INPATIENT);   // wujin: no outpatient bills

        // 个人自理 is lognormal, median 6000, σ 1. The sample median's standard error is
        // median·σ·√(2π) / (2√n) = 6000 × 2.5066 / 632.5 = 23.8 yuan: ±100 is 4.2 of them.
        double[] selfPay = stays.stream().mapToDouble(s -> s.selfPay().doubleValue()).sorted().toArray();
        assertThat((selfPay[n / 2 - 1] + selfPay[n / 2]) / 2).isCloseTo(6000, within(100.0));
        // Its logarithm is normal, mean ln 6000 = 8.69951, sd 1: standard errors σ/√n = 0.0032 for the mean and
        // σ/√(2n) = 0.0022 for the sd; ±0.015 and ±0.01 are 4.7 and 4.5 of them.
        double[] logs = Arrays.stream(selfPay).map(Math::log).toArray();
        double mean = Arrays.stream(logs).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(logs).map(x -> (x - mean) * (x - mean)).sum() / (n - 1));
        assertThat(mean).isCloseTo(8.69951, within(0.015));
        assertThat(sd).isCloseTo(1.0, within(0.01));

        // Not settled through MI: wujin.yaml says 10%. Standard error √(0.1 × 0.9 / n) = 0.00095; ±0.004 is 4.2.
        List<HospitalStay> unsettled = stays.stream().filter(s -> !s.settledThroughMedicalInsurance()).toList();
        assertThat(unsettled.size() / (double) n).isCloseTo(0.10, within(0.004));
        // An unsettled stay: MI paid nothing, the total cost is 个人自理.
        assertThat(unsettled).allSatisfy(s -> {
            assertThat(s.medicalInsurancePaid()).isEqualByComparingTo("0");
            assertThat(s.totalCost()).isEqualByComparingTo(s.selfPay());
        });
        // Every stay: coPay + outOfPolicy + what MI paid is the total cost, to the fen.
        assertThat(stays).allSatisfy(s -> assertThat(s.coPay().add(s.outOfPolicy()).add(s.medicalInsurancePaid()))
                .isEqualByComparingTo(s.totalCost()));

        // outOfPolicy is a uniform 0.05..0.35 share of 个人自理: mean 0.20, sd 0.3/√12 = 0.0866, standard error
        // 0.00027; ±0.0012 is 4.4 of them.
        double outOfPolicyShare = stays.stream()
                .mapToDouble(s -> s.outOfPolicy().doubleValue() / s.selfPay().doubleValue()).average().orElseThrow();
        assertThat(outOfPolicyShare).isCloseTo(0.20, within(0.0012));
        // What MI paid, as a share of a settled stay's total cost, is uniform 0.50..0.75: mean 0.625, sd 0.0722,
        // about 90,000 stays, standard error 0.00024; ±0.001 is 4.2 of them.
        double insuranceShare = stays.stream().filter(HospitalStay::settledThroughMedicalInsurance)
                .mapToDouble(s -> s.medicalInsurancePaid().doubleValue() / s.totalCost().doubleValue())
                .average().orElseThrow();
        assertThat(insuranceShare).isCloseTo(0.625, within(0.001));

        // Days in hospital: round(7·e^(0.6Z)), at least 1. P(≤ 6) = Φ(ln(6.5/7)/0.6) = Φ(−0.124) = 0.451 and
        // P(≤ 7) = Φ(ln(7.5/7)/0.6) = Φ(0.115) = 0.546, so the median is 7 (a share of 0.5 is 50 standard errors
        // from either side).
        long[] days = stays.stream().mapToLong(HospitalStay::days).sorted().toArray();
        assertThat(days[n / 2]).isEqualTo(7);

        // Stays per claim: geometric from 1 with mean 1.25, cut at 6: E = Σ_{k<6} 0.2^k = 1.24992; sd √(0.2)/0.8 =
        // 0.559, about 80,000 claims, standard error 0.002; ±0.008 is 4 of them.
        double staysPerClaim = claims.stream().mapToInt(r -> r.claim().stays().size()).average().orElseThrow();
        assertThat(staysPerClaim).isCloseTo(1.25, within(0.008));

        // Claims per member (the last, cut, member left out): geometric, mean 1.5, cut at 12 (E = 1.5 × (1 −
        // (1/3)^12) = 1.499997), sd √0.75 = 0.866; about 53,000 members, standard error 0.0038: ±0.016 is 4.2.
        // P(one claim) = 1/1.5 = 2/3, standard error √(2/9/53,000) = 0.002: ±0.009 is 4.4 of them.
        Map<String, Long> perMember = claims.stream().collect(Collectors.groupingBy(r -> r.claim().member().id(),
                java.util.LinkedHashMap::new, Collectors.counting()));
        perMember.remove(claims.get(claims.size() - 1).claim().member().id());
        assertThat(perMember.values().stream().mapToLong(Long::longValue).average().orElseThrow())
                .isCloseTo(1.5, within(0.016));
        assertThat(perMember.values().stream().filter(k -> k == 1).count() / (double) perMember.size())
                .isCloseTo(2.0 / 3, within(0.009));

        // Ages on the first day of the year: 30% in 40..49 (default.yaml); standard error √(0.21/53,000) = 0.002,
        // ±0.008 is 4 of them. Every age is within the bands, 18..64.
        Map<String, LocalDate> births = claims.stream().collect(Collectors.toMap(r -> r.claim().member().id(),
                r -> r.claim().member().birthDate(), (x, y) -> x));
        long forties = births.values().stream().map(b -> Period.between(b, shape.yearStart()).getYears())
                .filter(a -> a >= 40 && a <= 49).count();
        assertThat(forties / (double) births.size()).isCloseTo(0.30, within(0.008));
        assertThat(births.values()).allSatisfy(b -> assertThat(Period.between(b, shape.yearStart()).getYears())
                .isBetween(18, 64));
    }
}
