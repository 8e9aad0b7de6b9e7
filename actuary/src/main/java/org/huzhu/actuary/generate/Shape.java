package org.huzhu.actuary.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.huzhu.api.Exclusion;
import org.huzhu.api.InvalidInputException;
import org.huzhu.api.Limits;
import org.huzhu.api.json.HuzhuJson;
import org.huzhu.engine.internal.Yaml;

/**
 * The distributions a generated population is drawn from (README, "Generated populations", documents every key and
 * its default). A shape is built in layers: the generic {@code default.yaml}, the scheme's bundled shape (which says
 * its coverage year, what it reads and where its claimants differ), a shape file, then single overrides (the tool's
 * flags); mappings merge key by key, and a list or a value replaces the one before. The result is checked as a whole:
 * every value in range, each set of shares summing to 1, the year among the scheme's coverage years; an error names
 * the key ({@code stays.selfPay.sigma}) and the file.
 *
 * <p>Shares are probabilities (doubles: they steer draws, they are never money). Amounts are yuan.
 *
 * @param year     the coverage year: the one that starts in it ({@link Coverage#yearStarts})
 * @param coverage when the coverage year starts, whether members enrol, what dates a claim
 * @param members  who the members are
 * @param claims   how many claims a member makes and how many stays a claim holds
 * @param stays    what a stay costs and how it is paid
 * @param events   the events other than stays that the scheme pays for
 */
public record Shape(Integer year, Coverage coverage, Members members, Claims claims, Stays stays, Events events) {
    /** The schemes with a bundled shape: the bundled rulesets' schemes. */
    private static final List<String> BUNDLED = List.of("changchun", "huaian", "hunan", "huzhou", "jinhua", "quzhou",
            "shaoxing", "wujin");
    private static final double SUM_TOLERANCE = 1e-9;
    /** A member's stays must fit in a year of days, one a day at the least: perMember.max × staysPerClaim.max. */
    static final int MAX_STAYS_PER_MEMBER = 360;

    public Shape {
        Check.required(coverage, "coverage");
        Check.required(members, "members");
        Check.required(claims, "claims");
        Check.required(stays, "stays");
        Check.required(events, "events");
        if (year == null) {
            throw new InvalidInputException("year", "is required: the coverage year to generate (--year, or year: in "
                    + "the shape file)");
        }
        if (year < 1900 || year > 9998) {
            throw new InvalidInputException("year", "must be 1900..9998, was " + year);
        }
        if (coverage.firstYear() != null && year < coverage.firstYear()
                || coverage.lastYear() != null && year > coverage.lastYear()) {
            throw new InvalidInputException("year", "is " + year + ", outside the coverage years the scheme's versions "
                    + "cover (" + coverage.firstYear() + ".." + (coverage.lastYear() == null ? "" : coverage.lastYear())
                    + "): its claims would be dated where no version is in force");
        }
        if (claims.perMember().max() * claims.staysPerClaim().max() > MAX_STAYS_PER_MEMBER) {
            throw new InvalidInputException("claims", "perMember.max × staysPerClaim.max is "
                    + claims.perMember().max() * claims.staysPerClaim().max() + "; at most " + MAX_STAYS_PER_MEMBER
                    + " stays a member, so that they fit in the year");
        }
    }

    /** The first day of the coverage year. */
    public LocalDate yearStart() {
        return coverage.monthDay().atYear(year);
    }

    /** The last day of the coverage year. */
    public LocalDate yearEnd() {
        return yearStart().plusYears(1).minusDays(1);
    }

    /** The schemes that have a bundled shape, in order. */
    public static List<String> bundledSchemes() {
        return BUNDLED;
    }

    /** The scheme's bundled shape. */
    public static Shape of(String scheme) {
        return of(scheme, null, Map.of());
    }

    /**
     * A scheme's shape: its bundled shape (or, for a scheme without one, the generic shape, which then needs the
     * file to give at least the year), then the file's keys, then the overrides.
     *
     * @param file      a YAML shape file, or null
     * @param overrides values by dotted key ({@code "stays.selfPay.median"} → 8000), applied in the map's order
     * @throws InvalidInputException the file cannot be read or is not YAML, a key is unknown, a value is out of range
     *                               (naming the key), or the scheme has no bundled shape and no file is given
     */
    public static Shape of(String scheme, Path file, Map<String, ?> overrides) {
        if (scheme == null || scheme.isBlank()) {
            throw new InvalidInputException("scheme", "is required");
        }
        ObjectNode tree = resource("default.yaml");
        if (BUNDLED.contains(scheme)) {
            merge(tree, resource(scheme + ".yaml"));
        } else if (file == null) {
            throw new InvalidInputException("scheme", "'" + scheme + "' has no bundled shape (bundled: "
                    + String.join(", ", BUNDLED) + "); give a shape file with its year and coverage");
        }
        String source = "the " + scheme + " shape";
        if (file != null) {
            source = file.toString();
            merge(tree, object(Yaml.tree(read(file), source), source));
        }
        for (Map.Entry<String, ?> e : overrides.entrySet()) {
            set(tree, e.getKey(), HuzhuJson.mapper().valueToTree(e.getValue()));
        }
        return Yaml.bind(tree, Shape.class, source);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file.toString(), "does not exist", e);
        } catch (IOException e) {
            throw new InvalidInputException(file.toString(), "cannot be read: " + e.getMessage(), e);
        }
    }

    private static ObjectNode resource(String name) {
        try (InputStream in = Shape.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the bundled shape " + name + " is missing from the jar");
            }
            return object(Yaml.tree(in.readAllBytes(), name), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode object(JsonNode node, String source) {
        if (node instanceof ObjectNode o) {
            return o;
        }
        throw new InvalidInputException(source, "must be a YAML mapping of shape keys (year, coverage, members, "
                + "claims, stays, events)");
    }

    /** Mappings merge key by key; anything else (a list, a value, null) replaces what was there. */
    private static void merge(ObjectNode into, ObjectNode from) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode was = into.get(e.getKey());
            if (was instanceof ObjectNode w && e.getValue() instanceof ObjectNode n) {
                merge(w, n);
            } else {
                into.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    /** Sets a dotted key, making the mappings on its way. */
    private static void set(ObjectNode tree, String key, JsonNode value) {
        String[] names = key.split("\\.", -1);
        ObjectNode at = tree;
        for (int i = 0; i < names.length - 1; i++) {
            JsonNode next = at.get(names[i]);
            if (!(next instanceof ObjectNode)) {
                next = at.putObject(names[i]);
            }
            at = (ObjectNode) next;
        }
        at.set(names[names.length - 1], value);
    }

    /** What a stay claim is dated by. */
    public enum ClaimDate {
        /** Its first stay's admission: the insured event (most schemes). */
        FIRST_ADMISSION,
        /** Its application date, after its last discharge: where the application is the event (Hunan). */
        APPLICATION
    }

    /**
     * The coverage year and enrolment.
     *
     * @param yearStarts {@code MM-dd}: the coverage year runs 12 months from this day
     * @param enrolment  whether members hold an enrolment in the scheme covering the year
     * @param claimDate  what a stay claim is dated by
     * @param firstYear  the first coverage year the scheme's versions cover whole, or null (not checked)
     * @param lastYear   the last one, or null (open-ended)
     */
    public record Coverage(String yearStarts, Boolean enrolment, ClaimDate claimDate, Integer firstYear,
                           Integer lastYear) {
        public Coverage {
            Check.required(yearStarts, "yearStarts");
            Check.required(enrolment, "enrolment");
            Check.required(claimDate, "claimDate");
            try {
                MonthDay day = MonthDay.parse("--" + yearStarts);
                if (day.getMonthValue() == 2 && day.getDayOfMonth() == 29) {
                    throw new InvalidInputException("yearStarts", "must not be 02-29 (not in every year)");
                }
            } catch (DateTimeException e) {
                throw new InvalidInputException("yearStarts", "expected a day MM-dd such as 01-01, got \""
                        + yearStarts + "\"");
            }
            if (firstYear != null && lastYear != null && lastYear < firstYear) {
                throw new InvalidInputException("lastYear", "is before firstYear");
            }
        }

        MonthDay monthDay() {
            return MonthDay.parse("--" + yearStarts);
        }
    }

    /**
     * Who the members are.
     *
     * @param ages               age on the first day of the coverage year, by band (shares sum to 1)
     * @param unionMember        share holding union membership
     * @param enrolled           share holding the enrolment, when the coverage has enrolment
     * @param hardshipRegistered share registered in the hardship file
     * @param households         whether each member gets a household id of their own
     * @param residentsInsurance share with urban-rural residents' MI
     * @param noInsurance        share with no basic MI (the rest: urban employees' MI)
     */
    public record Members(List<AgeBand> ages, Double unionMember, Double enrolled, Double hardshipRegistered,
                          Boolean households, Double residentsInsurance, Double noInsurance) {
        public Members {
            Check.required(ages, "ages");
            if (ages.isEmpty()) {
                throw new InvalidInputException("ages", "must have at least one band");
            }
            Check.sumsToOne(ages.stream().mapToDouble(AgeBand::share).sum(), "ages", "the bands' shares");
            ages = List.copyOf(ages);
            Check.share(unionMember, "unionMember");
            Check.share(enrolled, "enrolled");
            Check.share(hardshipRegistered, "hardshipRegistered");
            Check.required(households, "households");
            Check.share(residentsInsurance, "residentsInsurance");
            Check.share(noInsurance, "noInsurance");
            Check.atMostOne(residentsInsurance + noInsurance, "noInsurance", "residentsInsurance + noInsurance");
        }
    }

    /** Ages {@code from..to} (whole years, both included) with this share of members. */
    public record AgeBand(Integer from, Integer to, Double share) {
        public AgeBand {
            Check.required(from, "from");
            Check.required(to, "to");
            if (from < 0 || to > 120 || to < from) {
                throw new InvalidInputException("to", "a band must have 0 <= from <= to <= 120, was " + from + ".."
                        + to);
            }
            Check.share(share, "share");
        }
    }

    /**
     * Claims per member and stays per claim.
     *
     * @param perMember        stay claims a member makes in the year
     * @param staysPerClaim    stays and bills in one claim
     * @param applicationDelay days from a claim's last discharge (or its event) to its application: 0..this, uniform
     */
    public record Claims(Count perMember, Count staysPerClaim, Integer applicationDelay) {
        public Claims {
            Check.required(perMember, "perMember");
            Check.required(staysPerClaim, "staysPerClaim");
            Check.required(applicationDelay, "applicationDelay");
            if (applicationDelay < 0 || applicationDelay > 366) {
                throw new InvalidInputException("applicationDelay", "must be 0..366 days, was " + applicationDelay);
            }
        }
    }

    /** A count from 1, geometric with this mean (P(1) = 1/mean), at most {@code max}. */
    public record Count(Double mean, Integer max) {
        public Count {
            Check.required(mean, "mean");
            Check.required(max, "max");
            if (!(mean >= 1.0) || mean > 100) {
                throw new InvalidInputException("mean", "must be 1..100, was " + mean);
            }
            if (max < 1) {
                throw new InvalidInputException("max", "must be at least 1, was " + max);
            }
        }
    }

    /**
     * What a stay costs and how it is paid.
     *
     * @param selfPay               个人自理 of an inpatient stay
     * @param outpatientSelfPay     个人自理 of a special-outpatient bill
     * @param days                  days in hospital of an inpatient stay (at least 1)
     * @param outOfPolicyShare      outOfPolicy's share of 个人自理, uniform in the range
     * @param medicalInsuranceShare what MI paid as a share of a settled stay's total cost, uniform in the range
     * @param notSettled            share of stays not settled through MI
     * @param specialOutpatient     share of stays that are special-outpatient bills
     * @param trafficAccident       share of stays caused by a traffic accident
     * @param otherAccident         share caused by another accident (the rest: illness)
     * @param liabilityShares       a traffic stay's liability share: one of these, equally likely
     * @param deductible            the deductible part of coPay, where the scheme reads it
     * @param exclusions            exclusions on stays
     */
    public record Stays(LogNormal selfPay, LogNormal outpatientSelfPay, LogNormal days, Range outOfPolicyShare,
                        Range medicalInsuranceShare, Double notSettled, Double specialOutpatient,
                        Double trafficAccident, Double otherAccident, List<BigDecimal> liabilityShares,
                        Deductible deductible, Exclusions exclusions) {
        public Stays {
            Check.required(selfPay, "selfPay");
            Check.amounts(selfPay, "selfPay");
            Check.required(outpatientSelfPay, "outpatientSelfPay");
            Check.amounts(outpatientSelfPay, "outpatientSelfPay");
            Check.required(days, "days");
            if (days.max().compareTo(BigDecimal.valueOf(365)) > 0) {
                throw new InvalidInputException("days", "max must be at most 365, was " + days.max().toPlainString());
            }
            Check.required(outOfPolicyShare, "outOfPolicyShare");
            Check.required(medicalInsuranceShare, "medicalInsuranceShare");
            if (medicalInsuranceShare.to() > 0.99) {
                throw new InvalidInputException("medicalInsuranceShare", "to must be at most 0.99 (the member pays "
                        + "something), was " + medicalInsuranceShare.to());
            }
            Check.share(notSettled, "notSettled");
            Check.share(specialOutpatient, "specialOutpatient");
            Check.share(trafficAccident, "trafficAccident");
            Check.share(otherAccident, "otherAccident");
            Check.atMostOne(trafficAccident + otherAccident, "otherAccident", "trafficAccident + otherAccident");
            Check.required(liabilityShares, "liabilityShares");
            if (liabilityShares.isEmpty()) {
                throw new InvalidInputException("liabilityShares", "must list at least one share");
            }
            for (BigDecimal s : liabilityShares) {
                Limits.share(Check.required(s, "liabilityShares"), "liabilityShares");
            }
            liabilityShares = List.copyOf(liabilityShares);
            Check.required(deductible, "deductible");
            Check.required(exclusions, "exclusions");
        }
    }

    /**
     * A lognormal draw: {@code median × e^(σZ)} for a standard normal Z, cut at {@code max}.
     *
     * @param median e^μ, the middle value (half the draws below it)
     * @param sigma  σ, the spread of its logarithm
     * @param max    the largest value drawn (larger draws are cut to it)
     */
    public record LogNormal(BigDecimal median, Double sigma, BigDecimal max) {
        public LogNormal {
            Check.required(median, "median");
            Check.required(sigma, "sigma");
            Check.required(max, "max");
            if (median.signum() <= 0) {
                throw new InvalidInputException("median", "must be above 0, was " + median.toPlainString());
            }
            if (!(sigma >= 0) || sigma > 5) {
                throw new InvalidInputException("sigma", "must be 0..5, was " + sigma);
            }
            if (max.compareTo(median) < 0) {
                throw new InvalidInputException("max", "must be at least the median, was " + max.toPlainString());
            }
        }
    }

    /** A share uniform in {@code from..to}. */
    public record Range(Double from, Double to) {
        public Range {
            Check.share(from, "from");
            Check.share(to, "to");
            if (to < from) {
                throw new InvalidInputException("to", "must be at least from, was " + to + " < " + from);
            }
        }
    }

    /**
     * The MI deductible part of coPay (起付标准部分): with this share of stays, {@code deductiblePart} = min(coPay, a
     * whole number of yuan uniform in {@code from..to}) and {@code proportionalCoPay} = coPay − deductiblePart.
     */
    public record Deductible(Double share, Integer from, Integer to) {
        public Deductible {
            Check.share(share, "share");
            Check.required(from, "from");
            Check.required(to, "to");
            if (from < 0 || to < from || to > 1_000_000) {
                throw new InvalidInputException("to", "must have 0 <= from <= to <= 1000000, was " + from + ".." + to);
            }
        }
    }

    /** With this share, one exclusion drawn from {@code codes}, each equally likely. */
    public record Exclusions(Double share, List<Exclusion> codes) {
        public Exclusions {
            Check.share(share, "share");
            Check.required(codes, "codes");
            if (share > 0 && codes.isEmpty()) {
                throw new InvalidInputException("codes", "must list at least one exclusion when share is above 0");
            }
            codes = List.copyOf(codes);
        }
    }

    /** The events other than stays. */
    public record Events(CriticalIllness criticalIllness, WorkInjuries workInjury, Deaths death,
                         AccidentInjuries accidentInjury, FireLosses fireLoss) {
        public Events {
            Check.required(criticalIllness, "criticalIllness");
            Check.required(workInjury, "workInjury");
            Check.required(death, "death");
            Check.required(accidentInjury, "accidentInjury");
            Check.required(fireLoss, "fireLoss");
        }
    }

    /**
     * A critical-illness diagnosis.
     *
     * @param share               share of members diagnosed in the year
     * @param everyClaim          the diagnosis is on each of the member's stay claims, not only the first
     * @param listed              codes the scheme lists, drawn with {@code listedShare}
     * @param listedShare         share of diagnoses with a listed code
     * @param unlisted            other codes, drawn otherwise
     * @param carcinomaInSitu     share that are carcinoma in situ
     * @param preExisting         share present before enrolment
     * @param unqualifiedHospital share not diagnosed at a hospital of the required grade
     * @param exclusions          exclusions on the diagnosis
     */
    public record CriticalIllness(Double share, Boolean everyClaim, List<String> listed, Double listedShare,
                                  List<String> unlisted, Double carcinomaInSitu, Double preExisting,
                                  Double unqualifiedHospital, Exclusions exclusions) {
        public CriticalIllness {
            Check.share(share, "share");
            Check.required(everyClaim, "everyClaim");
            listed = Check.codes(listed, "listed");
            Check.share(listedShare, "listedShare");
            unlisted = Check.codes(unlisted, "unlisted");
            Check.drawable(share, listed, listedShare, unlisted);
            Check.share(carcinomaInSitu, "carcinomaInSitu");
            Check.share(preExisting, "preExisting");
            Check.share(unqualifiedHospital, "unqualifiedHospital");
            Check.required(exclusions, "exclusions");
        }
    }

    /**
     * Work injuries.
     *
     * @param share      share of stay claims that are for a work injury
     * @param death      share of those that are a work-related death (on a member's last stay claim only)
     * @param grades     the shares of disability grades 1..10 (summing to 1)
     * @param exclusions exclusions on the injury
     */
    public record WorkInjuries(Double share, Double death, List<Double> grades, Exclusions exclusions) {
        public WorkInjuries {
            Check.share(share, "share");
            Check.share(death, "death");
            Check.required(grades, "grades");
            if (grades.size() != 10) {
                throw new InvalidInputException("grades", "must list 10 shares, grades 1 to 10; has "
                        + grades.size());
            }
            for (Double g : grades) {
                Check.share(g, "grades");
            }
            Check.sumsToOne(grades.stream().mapToDouble(Double::doubleValue).sum(), "grades", "the grades' shares");
            grades = List.copyOf(grades);
            Check.required(exclusions, "exclusions");
        }
    }

    /**
     * Deaths: a claim of its own, the member's last.
     *
     * @param share                  share of members who die in the year
     * @param daysAfterLastDischarge dated 0..this many days after the member's last discharge (within the year)
     * @param illness                share of deaths from illness
     * @param accident               from an accident
     * @param workInjury             from a work injury (the three sum to 1)
     */
    public record Deaths(Double share, Integer daysAfterLastDischarge, Double illness, Double accident,
                         Double workInjury) {
        public Deaths {
            Check.share(share, "share");
            Check.required(daysAfterLastDischarge, "daysAfterLastDischarge");
            if (daysAfterLastDischarge < 0 || daysAfterLastDischarge > 366) {
                throw new InvalidInputException("daysAfterLastDischarge", "must be 0..366, was "
                        + daysAfterLastDischarge);
            }
            Check.share(illness, "illness");
            Check.share(accident, "accident");
            Check.share(workInjury, "workInjury");
            Check.sumsToOne(illness + accident + workInjury, "workInjury", "illness + accident + workInjury");
        }
    }

    /**
     * Non-work accident injuries.
     *
     * @param share       share of stay claims that are for an accident injury
     * @param listed      {@code BODY_PART/SEVERITY} keys the scheme lists, drawn with {@code listedShare}
     * @param listedShare share of injuries with a listed key
     * @param unlisted    other keys, drawn otherwise
     * @param workRelated share that are work-related
     */
    public record AccidentInjuries(Double share, List<String> listed, Double listedShare, List<String> unlisted,
                                   Double workRelated) {
        public AccidentInjuries {
            Check.share(share, "share");
            listed = Check.injuries(listed, "listed");
            Check.share(listedShare, "listedShare");
            unlisted = Check.injuries(unlisted, "unlisted");
            Check.drawable(share, listed, listedShare, unlisted);
            Check.share(workRelated, "workRelated");
        }
    }

    /**
     * Home fires: a claim of their own.
     *
     * @param share share of members with a fire in the year
     * @param loss  the certified loss
     */
    public record FireLosses(Double share, LogNormal loss) {
        public FireLosses {
            Check.share(share, "share");
            Check.required(loss, "loss");
            Check.amounts(loss, "loss");
        }
    }

    /** The checks the records make; each error names the key (its path is added when the shape is read). */
    private static final class Check {
        private Check() {
        }

        static <T> T required(T value, String field) {
            if (value == null) {
                throw new InvalidInputException(field, "is required");
            }
            return value;
        }

        static void share(Double value, String field) {
            required(value, field);
            if (!(value >= 0.0 && value <= 1.0)) {
                throw new InvalidInputException(field, "must be a share between 0 and 1, was " + value);
            }
        }

        static void sumsToOne(double sum, String field, String what) {
            if (Math.abs(sum - 1.0) > SUM_TOLERANCE) {
                throw new InvalidInputException(field, what + " must sum to 1, sum to " + sum);
            }
        }

        static void atMostOne(double sum, String field, String what) {
            if (sum > 1.0 + SUM_TOLERANCE) {
                throw new InvalidInputException(field, what + " must be at most 1, is " + sum);
            }
        }

        static void amounts(LogNormal amounts, String field) {
            if (amounts.max().compareTo(Limits.MAX_AMOUNT) > 0) {
                throw new InvalidInputException(field, "max must be at most " + Limits.MAX_AMOUNT.toPlainString()
                        + " yuan, was " + amounts.max().toPlainString());
            }
        }

        static List<String> codes(List<String> codes, String field) {
            required(codes, field);
            for (String c : codes) {
                if (c == null || c.isBlank() || !c.strip().equals(c)) {
                    throw new InvalidInputException(field, "codes must be non-blank text without surrounding spaces, "
                            + "was \"" + c + "\"");
                }
            }
            return List.copyOf(codes);
        }

        static List<String> injuries(List<String> keys, String field) {
            List<String> checked = codes(keys, field);
            for (String k : checked) {
                int slash = k.indexOf('/');
                if (slash <= 0 || slash == k.length() - 1 || k.indexOf('/', slash + 1) >= 0) {
                    throw new InvalidInputException(field, "expected BODY_PART/SEVERITY such as FEMUR/FRACTURE, got \""
                            + k + "\"");
                }
            }
            return checked;
        }

        /** A code can always be drawn: listed ones when listedShare is above 0, unlisted ones when it is below 1. */
        static void drawable(double share, List<String> listed, double listedShare, List<String> unlisted) {
            if (share > 0 && listedShare > 0 && listed.isEmpty()) {
                throw new InvalidInputException("listed", "must list at least one code when share and listedShare "
                        + "are above 0");
            }
            if (share > 0 && listedShare < 1 && unlisted.isEmpty()) {
                throw new InvalidInputException("unlisted", "must list at least one code when share is above 0 and "
                        + "listedShare below 1");
            }
        }
    }
}
