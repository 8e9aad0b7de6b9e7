package org.huzhu.actuary.population;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.huzhu.actuary.population.CsvColumn.Part;
import org.huzhu.api.AccidentInjury;
import org.huzhu.api.BenefitHistory;
import org.huzhu.api.CareSetting;
import org.huzhu.api.Cause;
import org.huzhu.api.Claim;
import org.huzhu.api.Death;
import org.huzhu.api.Diagnosis;
import org.huzhu.api.Enrolment;
import org.huzhu.api.EvaluationError;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.Exclusion;
import org.huzhu.api.FireLoss;
import org.huzhu.api.HospitalStay;
import org.huzhu.api.InvalidInputException;
import org.huzhu.api.Limits;
import org.huzhu.api.MedicalInsuranceType;
import org.huzhu.api.Member;
import org.huzhu.api.PriorPayment;
import org.huzhu.api.WorkInjury;

/**
 * A CSV population: a header line, then one row per stay, earlier stay or prior payment; consecutive rows with the
 * same {@code claim_id} are one claim (README, "CSV populations").
 *
 * <p>Each physical line is one row, split into values by Jackson's CSV parser (quotes, doubled quotes, commas inside
 * quotes). A value cannot span lines: none of the columns holds a line break, and it means a quote left open spoils
 * one line, never the rest of the file, so reading always recovers at the next line.
 *
 * <p>Memory: one line, the claim being grouped (its stays and payments, bounded by {@link Limits}) and a 64-bit
 * fingerprint per claim id seen, so that a claim whose rows are not consecutive is caught rather than read as two
 * claims (about 16 bytes a claim: 16 MB for a million claims).
 */
final class CsvPopulation implements Population {
    /** Each line is its own document: WRAP_AS_ARRAY gives its values as an array of strings, with no schema. */
    private static final CsvFactory CSV = CsvFactory.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.TRIM_SPACES)
            .build();
    /** Separates the items of a list in one value: exclusion codes, enrolments. */
    static final String LIST_SEPARATOR = ";";
    private static final int SHOWN_CHARS = 60;
    /** Longest amount, share or whole number accepted, so that a huge digit string is refused before it is parsed. */
    private static final int MAX_NUMBER_CHARS = 32;
    /** Unreadable rows held back while it is not yet known whether the claim before them goes on after them. */
    private static final int MAX_HELD = 1000;
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
    private static final Pattern WHOLE = Pattern.compile("[+-]?\\d+");
    private static final Set<CsvColumn> CLAIM_LEVEL = EnumSet.copyOf(Arrays.stream(CsvColumn.values())
            .filter(c -> c.part().claimLevel()).toList());

    /** What a row is; {@code stay} when {@code row_type} is absent or blank. */
    enum RowType {
        STAY, EARLIER_STAY, PAYMENT, CLAIM;

        String spelling() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Lines lines;
    private final String source;
    /** The column of each position in the header. */
    private final CsvColumn[] columns;
    private final int claimIdPosition;
    private final ClaimIdFingerprints seen = new ClaimIdFingerprints();
    private final ArrayDeque<PopulationEntry> ready = new ArrayDeque<>();
    private final List<Row> held = new ArrayList<>();
    private ClaimRows pending;
    private long index;
    private boolean ended;

    /**
     * Reads the header, refusing a missing header, unknown or repeated columns and missing required ones (naming
     * them); on refusal the stream is closed.
     */
    CsvPopulation(InputStream in, String source) {
        this(null, in, source, 0, 0);
    }

    /**
     * Rows read apart from their header ({@link Population#csvRows}), or, with a null {@code header}, a whole file.
     *
     * @param linesBefore the number of the line before the first of {@code in} in the file
     * @param indexBefore the index of the first entry
     */
    CsvPopulation(String header, InputStream in, String source, long linesBefore, long indexBefore) {
        this.lines = new Lines(in, source, linesBefore);
        this.source = source;
        this.index = indexBefore;
        try {
            this.columns = header == null ? header() : columns(new Lines.Line(0, source, header, null));
        } catch (RuntimeException e) {
            lines.close();
            throw e;
        }
        this.claimIdPosition = Arrays.asList(columns).indexOf(CsvColumn.CLAIM_ID);
    }

    private CsvColumn[] header() {
        Lines.Line line;
        do {
            line = lines.next();
            if (line == null) {
                throw new InvalidInputException(source, "is empty: a CSV population starts with a header line naming "
                        + "its columns (README, \"CSV populations\")");
            }
            if (line.error() != null) {
                throw line.error();
            }
        } while (line.text().isBlank());
        return columns(line);
    }

    /** The columns a header line names. */
    private CsvColumn[] columns(Lines.Line line) {
        List<String> names;
        try {
            names = cells(line.text());
        } catch (IOException e) {
            throw new InvalidInputException(line.where(), "the header is not valid CSV: " + message(e));
        }
        CsvColumn[] found = new CsvColumn[names.size()];
        List<String> unknown = new ArrayList<>();
        Map<CsvColumn, Integer> seenAt = new LinkedHashMap<>();
        List<String> repeated = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).strip();
            CsvColumn c = CsvColumn.named(name);
            if (c == null) {
                unknown.add(name.isEmpty() ? "(an empty name at position " + (i + 1) + ")" : name);
            } else if (seenAt.putIfAbsent(c, i) != null) {
                repeated.add(name);
            }
            found[i] = c;
        }
        List<String> missing = CsvColumn.REQUIRED.stream().filter(c -> !seenAt.containsKey(c))
                .map(CsvColumn::header).toList();
        List<String> problems = new ArrayList<>();
        if (!unknown.isEmpty()) {
            problems.add("unknown column" + (unknown.size() == 1 ? " " : "s ") + String.join(", ", unknown)
                    + " (the columns are: " + Arrays.stream(CsvColumn.values()).map(CsvColumn::header)
                    .collect(Collectors.joining(", ")) + ")");
        }
        if (!repeated.isEmpty()) {
            problems.add("column" + (repeated.size() == 1 ? " " : "s ") + String.join(", ", repeated)
                    + " given twice");
        }
        if (!missing.isEmpty()) {
            problems.add("missing required column" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(line.where(), "header: " + String.join("; ", problems));
        }
        return found;
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && !ended) {
            step();
        }
        return !ready.isEmpty();
    }

    @Override
    public PopulationEntry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    /** Reads one line and moves whatever it completes to {@link #ready}, in input order. */
    private void step() {
        Lines.Line line = lines.next();
        if (line == null) {
            ended = true;
            finishPending();
            return;
        }
        Row row = row(line);
        if (row == null) {
            return;
        }
        if (row.claimId() == null) {
            // Whose row this is cannot be read: if the claim before it goes on after it, the row is that claim's
            // (and the claim an error); otherwise it is an entry of its own.
            if (pending == null) {
                emit(PopulationEntry.failed(index, row.where(), null, EvaluationError.of(row.error())));
            } else {
                held.add(row);
                if (held.size() > MAX_HELD) {
                    finishPending();
                }
            }
            return;
        }
        if (pending != null && pending.id.equals(row.claimId())) {
            held.forEach(pending::add);
            held.clear();
            pending.add(row);
            return;
        }
        finishPending();
        pending = new ClaimRows(row.claimId(), row.line(), seen.add(row.claimId()));
        pending.add(row);
    }

    /** The claim being grouped, then the unreadable rows after it, as entries. */
    private void finishPending() {
        if (pending != null) {
            emit(pending.finish());
            pending = null;
        }
        for (Row r : held) {
            emit(PopulationEntry.failed(index, r.where(), null, EvaluationError.of(r.error())));
        }
        held.clear();
    }

    private void emit(PopulationEntry entry) {
        ready.add(entry);
        index++;
    }

    /** One physical line as a row; null for a blank line or a row of blank values (a spreadsheet's empty row). */
    private Row row(Lines.Line line) {
        if (line.error() != null) {
            return new Row(line.number(), line.where(), null, null, line.error());
        }
        if (line.text().isBlank()) {
            return null;
        }
        List<String> cells = new ArrayList<>(columns.length);
        String broken = null;
        try {
            cells(line.text(), cells);
        } catch (IOException e) {
            broken = message(e);
        }
        String claimId = cells.size() > claimIdPosition ? blankToNull(cells.get(claimIdPosition)) : null;
        if (broken != null) {
            return new Row(line.number(), line.where(), claimId, null, new InvalidInputException(line.where(),
                    "not valid CSV: " + broken + " (a value holding a comma or a quote is written in double quotes, "
                            + "each quote inside doubled; a value cannot span lines)"));
        }
        if (cells.stream().allMatch(String::isBlank)) {
            return null;
        }
        if (cells.size() != columns.length) {
            return new Row(line.number(), line.where(), claimId, null, new InvalidInputException(line.where(),
                    "has " + cells.size() + " values, the header has " + columns.length + " columns"));
        }
        String[] values = new String[CsvColumn.values().length];
        for (int i = 0; i < columns.length; i++) {
            values[columns[i].ordinal()] = blankToNull(cells.get(i));
        }
        if (claimId == null) {
            return new Row(line.number(), line.where(), null, null,
                    new InvalidInputException(at(line.number(), CsvColumn.CLAIM_ID), "is required"));
        }
        return new Row(line.number(), line.where(), claimId, values, null);
    }

    private static List<String> cells(String text) throws IOException {
        List<String> cells = new ArrayList<>();
        cells(text, cells);
        return cells;
    }

    /** The values of one line, added to {@code cells} as they are read (so that those before a fault are kept). */
    private static void cells(String text, List<String> cells) throws IOException {
        try (JsonParser p = CSV.createParser(text)) {
            for (JsonToken t; (t = p.nextToken()) != null; ) {
                if (t == JsonToken.VALUE_STRING) {
                    cells.add(p.getText());
                }
            }
        }
    }

    /** Jackson's message without its "at [Source: …]" tail: the line is named by the caller. */
    private static String message(IOException e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.strip();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** {@code claims.csv:13: column co_pay}: the field of an error about one value. */
    private String at(long line, CsvColumn column) {
        return source + ":" + line + ": column " + column.header();
    }

    private String span(long first, long last) {
        return source + ":" + first + (last > first ? "-" + last : "");
    }

    /**
     * One line: its values by {@link CsvColumn#ordinal()} (null when blank), or why it cannot be read; the claim id
     * when it could be read, even from a row that is otherwise wrong.
     */
    private record Row(long line, String where, String claimId, String[] values, InvalidInputException error) {
    }

    /** The rows of one claim, turned into stays and payments as they come; the first error found is the claim's. */
    private final class ClaimRows {
        final String id;
        final long first;
        long last;
        /** The first readable row's values: its claim-level columns are the claim's. */
        String[] claimValues;
        long claimLine;
        InvalidInputException error;
        final List<HospitalStay> stays = new ArrayList<>();
        final List<HospitalStay> earlierStays = new ArrayList<>();
        final List<PriorPayment> payments = new ArrayList<>();

        ClaimRows(String id, long first, boolean firstTime) {
            this.id = id;
            this.first = first;
            this.last = first;
            if (!firstTime) {
                error = new InvalidInputException(at(first, CsvColumn.CLAIM_ID), "claim " + id + " appears again "
                        + "after other claims; a claim's rows must be consecutive (sort the file by claim_id): the "
                        + "earlier rows were read as a claim of their own, these are not evaluated");
            }
        }

        void add(Row row) {
            last = row.line();
            if (error != null) {
                return;
            }
            if (row.error() != null) {
                error = row.error();
                return;
            }
            try {
                read(row);
            } catch (InvalidInputException e) {
                error = e;
            }
        }

        private void read(Row row) {
            if (claimValues == null) {
                claimValues = row.values();
                claimLine = row.line();
            } else {
                for (CsvColumn c : CLAIM_LEVEL) {
                    String was = claimValues[c.ordinal()];
                    String is = row.values()[c.ordinal()];
                    if (!Objects.equals(was, is)) {
                        throw new InvalidInputException(at(row.line(), c), shown(is) + " differs from " + shown(was)
                                + " on line " + claimLine + "; each row of a claim repeats its claim-level columns");
                    }
                }
            }
            Cells cells = new Cells(row.values(), row.line());
            RowType type = cells.choice(CsvColumn.ROW_TYPE, RowType.class);
            type = type == null ? RowType.STAY : type;
            for (CsvColumn c : CsvColumn.values()) {
                boolean allowed = switch (c.part()) {
                    case STAY -> type == RowType.STAY || type == RowType.EARLIER_STAY;
                    case PAYMENT -> type == RowType.PAYMENT;
                    default -> true;
                };
                if (!allowed && row.values()[c.ordinal()] != null) {
                    throw new InvalidInputException(at(row.line(), c), "must be blank on a row of type "
                            + type.spelling());
                }
            }
            switch (type) {
                case STAY, EARLIER_STAY -> {
                    if (stays.size() + earlierStays.size() == Limits.MAX_STAYS) {
                        throw new InvalidInputException(source + ":" + row.line(), "claim " + id + " has more than "
                                + Limits.MAX_STAYS + " stays and earlier stays");
                    }
                    (type == RowType.STAY ? stays : earlierStays).add(cells.stay());
                }
                case PAYMENT -> {
                    if (payments.size() == Limits.MAX_PAYMENTS) {
                        throw new InvalidInputException(source + ":" + row.line(), "claim " + id + " has more than "
                                + Limits.MAX_PAYMENTS + " prior payments");
                    }
                    payments.add(cells.payment());
                }
                case CLAIM -> {
                    // the claim-level columns only
                }
            }
        }

        PopulationEntry finish() {
            String where = span(first, last);
            if (error == null) {
                try {
                    return PopulationEntry.of(index, where, request(where));
                } catch (InvalidInputException e) {
                    error = e;
                }
            }
            return PopulationEntry.failed(index, where, id, EvaluationError.of(error));
        }

        private EvaluationRequest request(String where) {
            Cells c = new Cells(claimValues, claimLine);
            List<Enrolment> enrolments = c.enrolments(CsvColumn.ENROLMENTS);
            Member member = c.build(Part.MEMBER, () -> new Member(c.text(CsvColumn.MEMBER_ID),
                    c.date(CsvColumn.BIRTH_DATE), c.flag(CsvColumn.UNION_MEMBER),
                    c.flag(CsvColumn.HARDSHIP_REGISTERED),
                    c.choice(CsvColumn.MEDICAL_INSURANCE, MedicalInsuranceType.class),
                    c.text(CsvColumn.HOUSEHOLD_ID), enrolments));
            Diagnosis diagnosis = !c.any(Part.DIAGNOSIS) ? null : c.build(Part.DIAGNOSIS, () -> new Diagnosis(
                    c.text(CsvColumn.ILLNESS_CODE), c.date(CsvColumn.FIRST_DIAGNOSIS_DATE),
                    c.flag(CsvColumn.CARCINOMA_IN_SITU), c.flag(CsvColumn.PRE_EXISTING),
                    c.bool(CsvColumn.DIAGNOSED_AT_QUALIFIED_HOSPITAL), c.exclusions(CsvColumn.DIAGNOSIS_EXCLUSIONS)));
            WorkInjury workInjury = !c.any(Part.WORK_INJURY) ? null : c.build(Part.WORK_INJURY, () -> new WorkInjury(
                    c.date(CsvColumn.WORK_INJURY_DATE), c.integer(CsvColumn.DISABILITY_GRADE),
                    c.flag(CsvColumn.WORK_INJURY_DEATH), c.exclusions(CsvColumn.WORK_INJURY_EXCLUSIONS)));
            Death death = !c.any(Part.DEATH) ? null : c.build(Part.DEATH, () -> new Death(
                    c.date(CsvColumn.DEATH_DATE), c.choice(CsvColumn.DEATH_CAUSE, Death.DeathCause.class)));
            AccidentInjury accident = !c.any(Part.ACCIDENT_INJURY) ? null : c.build(Part.ACCIDENT_INJURY,
                    () -> new AccidentInjury(c.date(CsvColumn.ACCIDENT_DATE), c.text(CsvColumn.ACCIDENT_BODY_PART),
                            c.text(CsvColumn.ACCIDENT_SEVERITY), c.flag(CsvColumn.ACCIDENT_WORK_RELATED),
                            c.exclusions(CsvColumn.ACCIDENT_EXCLUSIONS)));
            FireLoss fire = !c.any(Part.FIRE_LOSS) ? null : c.build(Part.FIRE_LOSS, () -> new FireLoss(
                    c.date(CsvColumn.FIRE_DATE), c.amount(CsvColumn.FIRE_CERTIFIED_LOSS)));
            Claim claim = c.build(Part.CLAIM, where, () -> new Claim(c.text(CsvColumn.CLAIM_ID), member,
                    c.date(CsvColumn.CLAIM_DATE), c.date(CsvColumn.APPLICATION_DATE), stays, diagnosis, workInjury,
                    death, accident, fire));
            // A check about the claim as a whole (a stay also among the earlier stays) names all its lines.
            return c.build(Part.REQUEST, where, () -> new EvaluationRequest(c.text(CsvColumn.RULESET), claim,
                    new BenefitHistory(payments, earlierStays), c.flag(CsvColumn.WHAT_IF)));
        }
    }

    /** An error already naming its line and column. */
    private static final class CellError extends InvalidInputException {
        private static final long serialVersionUID = 1L;

        CellError(String field, String message) {
            super(field, message);
        }
    }

    /** The values of one row, read as the model's types; each error names the line and column. */
    private final class Cells {
        private final String[] values;
        private final long line;

        Cells(String[] values, long line) {
            this.values = values;
            this.line = line;
        }

        /**
         * Builds a model record, naming the column behind a check the record makes itself (discharge before
         * admission, a required value left blank); a check about no one column names the line.
         */
        <T> T build(Part part, Supplier<T> record) {
            return build(part, source + ":" + line, record);
        }

        /** As {@link #build(Part, Supplier)}, naming {@code whole} for a check about no one column. */
        <T> T build(Part part, String whole, Supplier<T> record) {
            try {
                return record.get();
            } catch (CellError e) {
                throw e;
            } catch (InvalidInputException e) {
                String field = e.field() == null ? "" : e.field();
                String detail = !field.isEmpty() && e.getMessage().startsWith(field + ": ")
                        ? e.getMessage().substring(field.length() + 2) : e.getMessage();
                CsvColumn column = CsvColumn.of(part, field.substring(field.lastIndexOf('.') + 1));
                if (column == null) {
                    throw new InvalidInputException(whole, e.getMessage(), e);
                }
                throw new CellError(at(line, column), detail);
            }
        }

        boolean any(Part part) {
            for (CsvColumn c : CsvColumn.values()) {
                if (c.part() == part && values[c.ordinal()] != null) {
                    return true;
                }
            }
            return false;
        }

        HospitalStay stay() {
            return build(Part.STAY, () -> new HospitalStay(text(CsvColumn.STAY_ID),
                    choice(CsvColumn.SETTING, CareSetting.class), date(CsvColumn.ADMISSION_DATE),
                    date(CsvColumn.DISCHARGE_DATE), amount(CsvColumn.TOTAL_COST),
                    amount(CsvColumn.MEDICAL_INSURANCE_PAID), amount(CsvColumn.CO_PAY),
                    amount(CsvColumn.OUT_OF_POLICY), amount(CsvColumn.DEDUCTIBLE_PART),
                    amount(CsvColumn.PROPORTIONAL_CO_PAY), bool(CsvColumn.SETTLED_THROUGH_MEDICAL_INSURANCE),
                    choice(CsvColumn.CAUSE, Cause.class), share(CsvColumn.LIABILITY_SHARE),
                    exclusions(CsvColumn.STAY_EXCLUSIONS)));
        }

        PriorPayment payment() {
            return build(Part.PAYMENT, () -> new PriorPayment(text(CsvColumn.PAYMENT_KIND),
                    date(CsvColumn.PAYMENT_DATE), amount(CsvColumn.PAYMENT_AMOUNT),
                    text(CsvColumn.PAYMENT_ILLNESS_CODE)));
        }

        private CellError wrong(CsvColumn c, String expected) {
            return new CellError(at(line, c), "expected " + expected + ", got " + shown(values[c.ordinal()]));
        }

        String text(CsvColumn c) {
            return values[c.ordinal()];
        }

        LocalDate date(CsvColumn c) {
            String v = values[c.ordinal()];
            if (v == null) {
                return null;
            }
            try {
                return LocalDate.parse(v);
            } catch (DateTimeParseException e) {
                throw wrong(c, "a date yyyy-MM-dd such as 2024-03-01");
            }
        }

        BigDecimal amount(CsvColumn c) {
            return decimal(c, "an amount in yuan such as 1234.56");
        }

        BigDecimal share(CsvColumn c) {
            return decimal(c, "a share between 0 and 1 such as 0.3");
        }

        private BigDecimal decimal(CsvColumn c, String expected) {
            String v = values[c.ordinal()];
            if (v == null) {
                return null;
            }
            if (v.length() > MAX_NUMBER_CHARS || !DECIMAL.matcher(v).matches()) {
                throw wrong(c, expected);
            }
            return new BigDecimal(v);
        }

        Integer integer(CsvColumn c) {
            String v = values[c.ordinal()];
            if (v == null) {
                return null;
            }
            if (v.length() > 9 || !WHOLE.matcher(v).matches()) {
                throw wrong(c, "a whole number such as 3");
            }
            return Integer.valueOf(v);
        }

        /** true, false or blank (null: the model's default). */
        Boolean bool(CsvColumn c) {
            String v = values[c.ordinal()];
            if (v == null) {
                return null;
            }
            if (v.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (v.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
            throw wrong(c, "true or false");
        }

        /** A yes/no fact: blank is false. */
        boolean flag(CsvColumn c) {
            return Boolean.TRUE.equals(bool(c));
        }

        <E extends Enum<E>> E choice(CsvColumn c, Class<E> type) {
            String v = values[c.ordinal()];
            return v == null ? null : constant(type, v, () -> wrong(c, "one of " + spellings(type)));
        }

        Set<Exclusion> exclusions(CsvColumn c) {
            String v = values[c.ordinal()];
            if (v == null) {
                return null;
            }
            Set<Exclusion> codes = new LinkedHashSet<>();
            for (String code : v.split(LIST_SEPARATOR, -1)) {
                if (!code.isBlank()) {
                    codes.add(constant(Exclusion.class, code.strip(), () -> wrong(c, "exclusion codes separated "
                            + "by " + LIST_SEPARATOR + ", each one of " + spellings(Exclusion.class))));
                }
            }
            return codes;
        }

        /** {@code scheme:from..to}, several separated by {@code ;}: {@code wujin:2024-01-01..2024-12-31}. */
        List<Enrolment> enrolments(CsvColumn c) {
            String v = values[c.ordinal()];
            if (v == null) {
                return null;
            }
            String expected = "enrolments scheme:from..to such as wujin:2024-01-01..2024-12-31, several separated "
                    + "by " + LIST_SEPARATOR;
            List<Enrolment> enrolments = new ArrayList<>();
            for (String item : v.split(LIST_SEPARATOR, -1)) {
                if (item.isBlank()) {
                    continue;
                }
                int colon = item.indexOf(':');
                int dots = item.indexOf("..", colon + 1);
                if (colon < 0 || dots < 0) {
                    throw wrong(c, expected);
                }
                try {
                    enrolments.add(new Enrolment(item.substring(0, colon).strip(),
                            LocalDate.parse(item.substring(colon + 1, dots).strip()),
                            LocalDate.parse(item.substring(dots + 2).strip())));
                } catch (DateTimeParseException e) {
                    throw wrong(c, expected);
                } catch (InvalidInputException e) {
                    throw new CellError(at(line, c), "enrolment " + shown(item.strip()) + ": " + e.getMessage());
                }
            }
            return enrolments;
        }
    }

    /** An enum constant by its name in any case (as the JSON reader takes them), or the error. */
    private static <E extends Enum<E>> E constant(Class<E> type, String value,
            Supplier<? extends RuntimeException> wrong) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
        }
        throw wrong.get();
    }

    private static String spellings(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(e -> type == RowType.class ? ((RowType) e).spelling()
                : e.name()).collect(Collectors.joining(", "));
    }

    private static String shown(String value) {
        if (value == null) {
            return "blank";
        }
        return "\"" + (value.length() <= SHOWN_CHARS ? value : value.substring(0, SHOWN_CHARS) + "…") + "\"";
    }

    @Override
    public void close() {
        lines.close();
    }

    /**
     * The claim ids seen so far, as 64-bit fingerprints in an open-addressing table: 8 bytes a slot, at most 3/4
     * full. Two different ids share a fingerprint with a chance of about n²/2⁶⁵ (3·10⁻⁸ for a million claims); when
     * they do, the later claim is reported as appearing again, an error entry, never a wrong amount.
     */
    static final class ClaimIdFingerprints {
        private long[] slots = new long[1 << 12];
        private int size;

        /** Adds the id; false if it (or its fingerprint) was seen before. */
        boolean add(String id) {
            if (size >= slots.length / 4 * 3) {
                grow();
            }
            boolean added = insert(slots, fingerprint(id));
            if (added) {
                size++;
            }
            return added;
        }

        private static boolean insert(long[] table, long f) {
            int mask = table.length - 1;
            for (int i = (int) (f ^ (f >>> 32)) & mask; ; i = (i + 1) & mask) {
                if (table[i] == 0) {
                    table[i] = f;
                    return true;
                }
                if (table[i] == f) {
                    return false;
                }
            }
        }

        private void grow() {
            long[] old = slots;
            slots = new long[old.length * 2];
            for (long f : old) {
                if (f != 0) {
                    insert(slots, f);
                }
            }
        }

        /** FNV-1a over the UTF-16 units, then MurmurHash3's finaliser to spread the bits; never 0 (the empty slot). */
        static long fingerprint(String id) {
            long h = 0xcbf29ce484222325L;
            for (int i = 0; i < id.length(); i++) {
                h ^= id.charAt(i);
                h *= 0x100000001b3L;
            }
            h ^= h >>> 33;
            h *= 0xff51afd7ed558ccdL;
            h ^= h >>> 33;
            h *= 0xc4ceb9fe1a85ec53L;
            h ^= h >>> 33;
            return h == 0 ? 1 : h;
        }
    }
}
