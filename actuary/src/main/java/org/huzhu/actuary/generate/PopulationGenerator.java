package org.huzhu.actuary.generate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.huzhu.api.AccidentInjury;
import org.huzhu.api.BenefitHistory;
import org.huzhu.api.CareSetting;
import org.huzhu.api.Cause;
import org.huzhu.api.Claim;
import org.huzhu.api.Death;
import org.huzhu.api.Diagnosis;
import org.huzhu.api.Enrolment;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.Exclusion;
import org.huzhu.api.FireLoss;
import org.huzhu.api.HospitalStay;
import org.huzhu.api.InvalidInputException;
import org.huzhu.api.MedicalInsuranceType;
import org.huzhu.api.Member;
import org.huzhu.api.WorkInjury;

/**
 * A synthetic population of one scheme's claims, drawn from a {@link Shape} (README, "Generated populations"):
 * reproducible from its seed, and streamed, a member at a time, so that memory does not grow with the number of
 * claims.
 *
 * <pre>{@code
 * PopulationGenerator wujin = new PopulationGenerator("wujin", Shape.of("wujin"), 42);
 * try (PopulationWriter out = PopulationWriter.open(Path.of("wujin.jsonl"))) {
 *     wujin.stream(1_000_000).forEach(out::write);
 * }
 * }</pre>
 *
 * <p>Claims come member by member, each member's in date order (ties in the order drawn); claim ids number the
 * claims in that order from 0, member ids the members. Member {@code i} draws from a random stream of its own
 * ({@link SplitMix64#forMember}), so the first n claims of a larger population are the population of n claims (the
 * last member's claims cut where n ends). Every claim is built through the model's records, so it passes their checks;
 * its history is empty: a member's earlier claims in the file are their history, which a simulation carries per
 * scenario.
 */
public final class PopulationGenerator {
    /** Claim and member numbers are 9 digits, so that the ids sort as the file does. */
    public static final long MAX_CLAIMS = 999_999_999L;

    private final String scheme;
    private final Shape shape;
    private final long seed;
    private final String idPrefix;
    private final LocalDate start;
    private final LocalDate end;
    private final int daysInYear;
    private final double[] ageShares;
    private final double[] insuranceShares;
    private final double[] causeShares;
    private final double[] gradeShares;
    private final double[] deathCauseShares;

    /**
     * @param scheme the ruleset reference each claim names (the scheme: the claim's date picks the version)
     * @param shape  the distributions
     * @param seed   any number; the same seed, scheme and shape give the same claims
     */
    public PopulationGenerator(String scheme, Shape shape, long seed) {
        if (scheme == null || scheme.isBlank() || !scheme.strip().equals(scheme) || scheme.contains("@")) {
            throw new InvalidInputException("scheme", "must be a scheme id such as wujin, was \"" + scheme + "\"");
        }
        this.scheme = scheme;
        this.shape = shape;
        this.seed = seed;
        this.idPrefix = scheme + "-" + String.format(Locale.ROOT, "%08x", SplitMix64.mix(seed) >>> 32) + "-";
        this.start = shape.yearStart();
        this.end = shape.yearEnd();
        this.daysInYear = (int) ChronoUnit.DAYS.between(start, end) + 1;
        Shape.Members m = shape.members();
        this.ageShares = m.ages().stream().mapToDouble(Shape.AgeBand::share).toArray();
        this.insuranceShares = new double[] {m.residentsInsurance(), m.noInsurance(),
                1.0 - m.residentsInsurance() - m.noInsurance()};
        Shape.Stays s = shape.stays();
        this.causeShares = new double[] {s.trafficAccident(), s.otherAccident(),
                1.0 - s.trafficAccident() - s.otherAccident()};
        this.gradeShares = shape.events().workInjury().grades().stream().mapToDouble(Double::doubleValue).toArray();
        Shape.Deaths d = shape.events().death();
        this.deathCauseShares = new double[] {d.illness(), d.accident(), d.workInjury()};
    }

    public Shape shape() {
        return shape;
    }

    /** The id of claim {@code index} (from 0): {@code scheme-tag-000000017}, the tag 8 hex digits of the seed's hash. */
    public String claimId(long index) {
        return idPrefix + nineDigits(index);
    }

    /** The id of member {@code index} (from 0): {@code scheme-tag-M000000012}. */
    public String memberId(long index) {
        return idPrefix + "M" + nineDigits(index);
    }

    private static String nineDigits(long n) {
        String digits = Long.toString(n);
        return "000000000".substring(Math.min(9, digits.length())) + digits;
    }

    /** The first {@code claims} claims, drawn as they are read. */
    public Stream<EvaluationRequest> stream(long claims) {
        return StreamSupport.stream(Spliterators.spliterator(iterator(claims), claims,
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.SIZED), false);
    }

    /** The first {@code claims} claims, drawn a member at a time as they are read. */
    public Iterator<EvaluationRequest> iterator(long claims) {
        if (claims < 0 || claims > MAX_CLAIMS) {
            throw new InvalidInputException("claims", "must be 0.." + MAX_CLAIMS + ", was " + claims);
        }
        return new Iterator<>() {
            private final ArrayDeque<EvaluationRequest> member = new ArrayDeque<>();
            private long emitted;
            private long members;

            @Override
            public boolean hasNext() {
                return emitted < claims;
            }

            @Override
            public EvaluationRequest next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                if (member.isEmpty()) {
                    member.addAll(member(members++, emitted, claims - emitted));
                }
                emitted++;
                return member.poll();
            }
        };
    }

    /** One drawn claim before it has an id: what it is, its date, and what it holds. */
    private record Draft(LocalDate claimDate, LocalDate applicationDate, List<HospitalStay> stays, Diagnosis diagnosis,
                         WorkInjury workInjury, Death death, AccidentInjury accidentInjury, FireLoss fireLoss) {
    }

    /** A stay's dates and setting, before its amounts are drawn. */
    private record Slot(boolean outpatient, int admission, int discharge) {
    }

    /**
     * Member {@code index}'s claims, in date order, numbered from {@code firstClaim}; at most {@code room} of them.
     * The draws are made in a fixed order, whatever {@code room} is.
     */
    private List<EvaluationRequest> member(long index, long firstClaim, long room) {
        SplitMix64 rng = SplitMix64.forMember(seed, index);
        Member member = drawMember(rng, index);

        // How many stay claims, how many stays in each, and where the stays fall in the year.
        Shape.Claims c = shape.claims();
        int claims = rng.geometric(c.perMember().mean(), c.perMember().max());
        int[] staysIn = new int[claims];
        int stays = 0;
        for (int j = 0; j < claims; j++) {
            staysIn[j] = rng.geometric(c.staysPerClaim().mean(), c.staysPerClaim().max());
            stays += staysIn[j];
        }
        Slot[] slots = timeline(rng, stays);

        // Member-level events: a critical illness, a death, a fire.
        Shape.Events e = shape.events();
        boolean ill = rng.chance(e.criticalIllness().share());
        boolean dies = rng.chance(e.death().share());
        boolean fire = rng.chance(e.fireLoss().share());

        List<Draft> drafts = new ArrayList<>(claims + 2);
        Diagnosis diagnosis = null;
        LocalDate diedAtWork = null;
        int next = 0;
        for (int j = 0; j < claims; j++) {
            Slot[] own = java.util.Arrays.copyOfRange(slots, next, next + staysIn[j]);
            next += staysIn[j];
            LocalDate firstAdmission = day(own[0].admission());
            LocalDate lastDischarge = day(own[own.length - 1].discharge());
            boolean workInjury = rng.chance(e.workInjury().share());
            boolean accident = !workInjury && rng.chance(e.accidentInjury().share());
            WorkInjury injury = workInjury ? drawWorkInjury(rng, firstAdmission, j == claims - 1 && !dies) : null;
            if (injury != null && injury.death()) {
                diedAtWork = firstAdmission;
            }
            AccidentInjury accidentInjury = accident ? drawAccident(rng, firstAdmission) : null;
            Cause cause = workInjury || accident && accidentInjury.workRelated() ? Cause.WORK_INJURY
                    : accident ? Cause.OTHER_ACCIDENT : null;
            List<HospitalStay> claimStays = new ArrayList<>(own.length);
            for (int i = 0; i < own.length; i++) {
                claimStays.add(drawStay(rng, "S" + (next - own.length + i + 1), own[i], cause));
            }
            if (ill && j == 0) {
                diagnosis = drawDiagnosis(rng, firstAdmission);
            }
            Diagnosis claimDiagnosis = j == 0 || e.criticalIllness().everyClaim() ? diagnosis : null;
            LocalDate application = lastDischarge.plusDays(rng.between(0, c.applicationDelay()));
            drafts.add(draft(firstAdmission, application, claimStays, claimDiagnosis, injury, null, accidentInjury,
                    null));
        }
        LocalDate lastDischarge = day(slots[slots.length - 1].discharge());
        LocalDate deathDate = null;
        if (dies) {
            deathDate = min(end, lastDischarge.plusDays(rng.between(0, e.death().daysAfterLastDischarge())));
            Death.DeathCause cause = Death.DeathCause.values()[rng.pick(deathCauseShares)];
            LocalDate application = deathDate.plusDays(rng.between(0, c.applicationDelay()));
            drafts.add(draft(deathDate, application, List.of(), null, null, new Death(deathDate, cause), null, null));
        }
        if (fire) {
            // Not after the member's death.
            LocalDate lastDay = deathDate != null ? deathDate : diedAtWork != null ? diedAtWork : end;
            LocalDate fireDate = start.plusDays(rng.between(0, (int) ChronoUnit.DAYS.between(start, lastDay)));
            BigDecimal loss = money(rng, e.fireLoss().loss());
            LocalDate application = fireDate.plusDays(rng.between(0, c.applicationDelay()));
            drafts.add(draft(fireDate, application, List.of(), null, null, null, null, new FireLoss(fireDate, loss)));
        }
        // A stable sort: claims of the same date keep the order drawn.
        drafts.sort(Comparator.comparing(Draft::claimDate));

        int kept = (int) Math.min(room, drafts.size());
        List<EvaluationRequest> requests = new ArrayList<>(kept);
        for (int j = 0; j < kept; j++) {
            Draft d = drafts.get(j);
            Claim claim = new Claim(claimId(firstClaim + j), member, d.claimDate(), d.applicationDate(), d.stays(),
                    d.diagnosis(), d.workInjury(), d.death(), d.accidentInjury(), d.fireLoss());
            requests.add(new EvaluationRequest(scheme, claim, BenefitHistory.EMPTY, false));
        }
        return requests;
    }

    /**
     * A claim's dates: by the event (its first admission, the death, the fire), or with {@link Shape.ClaimDate#APPLICATION}
     * by its application, kept within the coverage year since it picks the version and the enrolment.
     */
    private Draft draft(LocalDate event, LocalDate application, List<HospitalStay> stays, Diagnosis diagnosis,
            WorkInjury workInjury, Death death, AccidentInjury accident, FireLoss fire) {
        if (shape.coverage().claimDate() == Shape.ClaimDate.APPLICATION) {
            LocalDate applied = min(end, application);
            return new Draft(applied, applied, stays, diagnosis, workInjury, death, accident, fire);
        }
        return new Draft(event, application, stays, diagnosis, workInjury, death, accident, fire);
    }

    private Member drawMember(SplitMix64 rng, long index) {
        Shape.Members m = shape.members();
        Shape.AgeBand band = m.ages().get(rng.pick(ageShares));
        int age = rng.between(band.from(), band.to());
        // Age `age` on the first day of the year: born up to 364 days before that birthday.
        LocalDate birth = start.minusYears(age).minusDays(rng.between(0, 364));
        boolean union = rng.chance(m.unionMember());
        boolean hardship = rng.chance(m.hardshipRegistered());
        MedicalInsuranceType insurance = switch (rng.pick(insuranceShares)) {
            case 0 -> MedicalInsuranceType.URBAN_RURAL_RESIDENT;
            case 1 -> MedicalInsuranceType.NONE;
            default -> MedicalInsuranceType.URBAN_EMPLOYEE;
        };
        boolean enrolled = rng.chance(m.enrolled()) && shape.coverage().enrolment();
        List<Enrolment> enrolments = enrolled ? List.of(new Enrolment(scheme, start, end)) : List.of();
        String household = m.households() ? idPrefix + "H" + nineDigits(index) : null;
        return new Member(memberId(index), birth, union, hardship, insurance, household, enrolments);
    }

    /**
     * Where {@code count} stays fall in the year, in order and not overlapping: their lengths drawn first (scaled down
     * together if they would not fit), then the free days shared out into the gaps before, between and after them by
     * sorted uniform draws, so the stays spread evenly over the year. A stay is admitted at the earliest the day
     * after the one before it ends.
     */
    private Slot[] timeline(SplitMix64 rng, int count) {
        Shape.Stays s = shape.stays();
        boolean[] outpatient = new boolean[count];
        int[] length = new int[count];
        long total = 0;
        for (int i = 0; i < count; i++) {
            outpatient[i] = rng.chance(s.specialOutpatient());
            if (!outpatient[i]) {
                double days = Math.min(s.days().max().doubleValue(),
                        rng.lognormal(s.days().median().doubleValue(), s.days().sigma()));
                length[i] = (int) Math.max(1, Math.round(days));
            }
            total += length[i];
        }
        int room = daysInYear - count;   // days for the stays' lengths and the gaps, one admission day each aside
        if (total > room) {
            long scaled = 0;
            for (int i = 0; i < count; i++) {
                length[i] = (int) (length[i] * (long) room / total);
                scaled += length[i];
            }
            total = scaled;
        }
        int free = (int) (room - total);
        int[] cuts = new int[count];
        for (int i = 0; i < count; i++) {
            cuts[i] = rng.between(0, free);
        }
        java.util.Arrays.sort(cuts);
        Slot[] slots = new Slot[count];
        int day = 0;
        int previousCut = 0;
        for (int i = 0; i < count; i++) {
            day += cuts[i] - previousCut;
            previousCut = cuts[i];
            slots[i] = new Slot(outpatient[i], day, day + length[i]);
            day += length[i] + 1;
        }
        return slots;
    }

    /**
     * A stay's amounts: 个人自理 drawn lognormal (in fen), split into outOfPolicy and coPay; a settled stay's total
     * cost grossed up by MI's share, an unsettled one's equal to 个人自理 (MI paid nothing).
     */
    private HospitalStay drawStay(SplitMix64 rng, String id, Slot slot, Cause claimCause) {
        Shape.Stays s = shape.stays();
        long selfPay = fen(rng, slot.outpatient() ? s.outpatientSelfPay() : s.selfPay());
        long outOfPolicy = Math.round(selfPay * rng.uniform(s.outOfPolicyShare().from(), s.outOfPolicyShare().to()));
        long coPay = selfPay - outOfPolicy;
        boolean settled = !rng.chance(s.notSettled());
        long total;
        long insurancePaid;
        if (settled) {
            double share = rng.uniform(s.medicalInsuranceShare().from(), s.medicalInsuranceShare().to());
            total = Math.round(selfPay / (1.0 - share));
            insurancePaid = total - selfPay;
        } else {
            total = selfPay;
            insurancePaid = 0;
        }
        Cause cause;
        int drawn = rng.pick(causeShares);
        if (claimCause != null) {
            cause = claimCause;
        } else {
            cause = drawn == 0 ? Cause.TRAFFIC_ACCIDENT : drawn == 1 ? Cause.OTHER_ACCIDENT : Cause.ILLNESS;
        }
        BigDecimal liability = cause == Cause.TRAFFIC_ACCIDENT
                ? s.liabilityShares().get(rng.between(0, s.liabilityShares().size() - 1)) : null;
        Set<Exclusion> exclusions = exclusions(rng, s.exclusions());
        BigDecimal deductiblePart = null;
        BigDecimal proportionalCoPay = null;
        if (rng.chance(s.deductible().share())) {
            long deductible = Math.min(coPay, 100L * rng.between(s.deductible().from(), s.deductible().to()));
            deductiblePart = yuan(deductible);
            proportionalCoPay = yuan(coPay - deductible);
        }
        return new HospitalStay(id, slot.outpatient() ? CareSetting.SPECIAL_OUTPATIENT : CareSetting.INPATIENT,
                day(slot.admission()), day(slot.discharge()), yuan(total), yuan(insurancePaid), yuan(coPay),
                yuan(outOfPolicy), deductiblePart, proportionalCoPay, settled, cause, liability, exclusions);
    }

    private Diagnosis drawDiagnosis(SplitMix64 rng, LocalDate firstAdmission) {
        Shape.CriticalIllness ci = shape.events().criticalIllness();
        String code = pickCode(rng, ci.listed(), ci.listedShare(), ci.unlisted());
        LocalDate diagnosed = max(start, firstAdmission.minusDays(rng.between(0, 30)));
        boolean inSitu = rng.chance(ci.carcinomaInSitu());
        boolean preExisting = rng.chance(ci.preExisting());
        boolean qualified = !rng.chance(ci.unqualifiedHospital());
        return new Diagnosis(code, diagnosed, inSitu, preExisting, qualified, exclusions(rng, ci.exclusions()));
    }

    /** A work injury dated the claim's first admission; a death only on the member's last claim. */
    private WorkInjury drawWorkInjury(SplitMix64 rng, LocalDate date, boolean mayDie) {
        Shape.WorkInjuries w = shape.events().workInjury();
        boolean death = rng.chance(w.death());
        int grade = rng.pick(gradeShares) + 1;
        Set<Exclusion> exclusions = exclusions(rng, w.exclusions());
        return death && mayDie ? new WorkInjury(date, null, true, exclusions)
                : new WorkInjury(date, grade, false, exclusions);
    }

    private AccidentInjury drawAccident(SplitMix64 rng, LocalDate date) {
        Shape.AccidentInjuries a = shape.events().accidentInjury();
        String key = pickCode(rng, a.listed(), a.listedShare(), a.unlisted());
        int slash = key.indexOf('/');
        return new AccidentInjury(date, key.substring(0, slash), key.substring(slash + 1), rng.chance(a.workRelated()),
                Set.of());
    }

    private static String pickCode(SplitMix64 rng, List<String> listed, double listedShare, List<String> unlisted) {
        boolean fromListed = rng.chance(listedShare);
        List<String> from = fromListed && !listed.isEmpty() || unlisted.isEmpty() ? listed : unlisted;
        return from.get(rng.between(0, from.size() - 1));
    }

    private static Set<Exclusion> exclusions(SplitMix64 rng, Shape.Exclusions e) {
        if (!rng.chance(e.share())) {
            return Set.of();
        }
        return EnumSet.of(e.codes().get(rng.between(0, e.codes().size() - 1)));
    }

    /** A lognormal amount in whole fen, cut at its max, at least 1 fen. */
    private static long fen(SplitMix64 rng, Shape.LogNormal amounts) {
        double yuan = Math.min(amounts.max().doubleValue(),
                rng.lognormal(amounts.median().doubleValue(), amounts.sigma()));
        return Math.max(1, Math.round(yuan * 100));
    }

    private static BigDecimal money(SplitMix64 rng, Shape.LogNormal amounts) {
        return yuan(fen(rng, amounts));
    }

    private static BigDecimal yuan(long fen) {
        return BigDecimal.valueOf(fen, 2);
    }

    private LocalDate day(int offset) {
        return start.plusDays(offset);
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
