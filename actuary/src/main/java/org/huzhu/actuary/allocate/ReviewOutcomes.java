package org.huzhu.actuary.allocate;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.huzhu.api.InvalidInputException;
import org.huzhu.api.Limits;

/**
 * The amounts a committee set for claims under review (Hunan above 300,000: within 30,000–50,000), read from a small
 * CSV file (README, "Fund allocation"):
 * <pre>
 * # lines starting with # are comments; blank lines are ignored
 * claimId,amount
 * HN-A03,40000
 * </pre>
 * The header is required and exactly {@code claimId,amount}; an amount is in yuan, not negative, whole fen. A claim
 * named twice is an error naming both lines. Whether each claim is among the decisions, under review, and its amount
 * within the range is checked by {@link FundAllocation#allocate}, which names the file's line.
 *
 * @param amounts the committee's amounts, in file order
 */
public record ReviewOutcomes(List<CommitteeAmount> amounts) {
    /**
     * One claim's amount as the committee set it.
     *
     * @param line where it was read ({@code reviews.csv:3}), named in errors
     */
    public record CommitteeAmount(String claimId, BigDecimal amount, String line) {
        public CommitteeAmount {
            Objects.requireNonNull(line, "line");
            if (claimId == null || claimId.isBlank()) {
                throw new InvalidInputException(line + " claimId", "is empty");
            }
            Objects.requireNonNull(amount, "amount");
            Limits.amount(amount, line + " amount");
            amount = amount.setScale(2);
        }
    }

    public ReviewOutcomes {
        amounts = List.copyOf(amounts);
        Map<String, String> lineOf = new HashMap<>();
        for (CommitteeAmount a : amounts) {
            String before = lineOf.putIfAbsent(a.claimId(), a.line());
            if (before != null) {
                throw new InvalidInputException(a.line(), "claim " + a.claimId() + " again (first at " + before
                        + ")");
            }
        }
    }

    /** No committee amounts: every claim under review is allocated at its range's minimum. */
    public static ReviewOutcomes none() {
        return new ReviewOutcomes(List.of());
    }

    /** Reads the CSV file (UTF-8); {@code source} names it in messages. */
    public static ReviewOutcomes read(InputStream in, String source) {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        mapper.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
        mapper.enable(CsvParser.Feature.TRIM_SPACES);
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        List<CommitteeAmount> amounts = new ArrayList<>();
        boolean header = false;
        try (MappingIterator<String[]> rows = mapper.readerFor(String[].class)
                .with(CsvSchema.emptySchema().withComments()).readValues(reader)) {
            while (rows.hasNextValue()) {
                String[] row = rows.nextValue();
                String line = source + ":" + rows.getParser().getTokenLocation().getLineNr();
                if (row.length == 1 && row[0].isEmpty()) {
                    continue;
                }
                if (!header) {
                    if (row.length != 2 || !row[0].equals("claimId") || !row[1].equals("amount")) {
                        throw new InvalidInputException(line, "the header must be claimId,amount, was "
                                + String.join(",", row));
                    }
                    header = true;
                    continue;
                }
                if (row.length != 2) {
                    throw new InvalidInputException(line, "expected 2 values (claimId,amount), got " + row.length);
                }
                BigDecimal amount;
                try {
                    amount = new BigDecimal(row[1]);
                } catch (NumberFormatException e) {
                    throw new InvalidInputException(line + " amount", "expected an amount in yuan such as 40000 or "
                            + "40000.00, got \"" + row[1] + "\"");
                }
                amounts.add(new CommitteeAmount(row[0], amount, line));
            }
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(source, "not UTF-8 text; save the file as UTF-8");
        } catch (IOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw new InvalidInputException(source, "not UTF-8 text; save the file as UTF-8");
            }
            if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
                throw new InvalidInputException(source + ":" + j.getLocation().getLineNr(), j.getOriginalMessage());
            }
            throw new UncheckedIOException(source + ": cannot be read", e);
        }
        if (!header) {
            throw new InvalidInputException(source, "no header claimId,amount: the file is empty");
        }
        return new ReviewOutcomes(amounts);
    }
}
