package org.huzhu.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.huzhu.actuary.allocate.Allocation;
import org.huzhu.actuary.allocate.AllocationJson;
import org.huzhu.actuary.allocate.AmountSource;
import org.huzhu.actuary.allocate.Decisions;
import org.huzhu.actuary.allocate.FundAllocation;
import org.huzhu.actuary.allocate.MisfitPolicy;
import org.huzhu.actuary.allocate.Priority;
import org.huzhu.actuary.allocate.RankedClaim;
import org.huzhu.actuary.allocate.ReviewOutcomes;
import org.huzhu.actuary.allocate.Skipped;
import org.huzhu.api.InvalidInputException;
import org.huzhu.api.ruleset.Figures;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code huzhu allocate}: a budget allocated to approved decisions in priority order, the rest deferred to next year
 * ({@link FundAllocation}; README, "Fund allocation").
 */
@Command(name = "allocate", mixinStandardHelpOptions = true, version = "huzhu 0.1.0-SNAPSHOT",
        description = {"Allocates a budget to approved claims (Hunan's notice: when the approved claims need more than "
                + "the local allocation, priorities are set and the rest moves to next year). Reads the decisions as "
                + "huzhu batch writes them (one result line per claim), ranks the claims that grant an amount by "
                + "--priority, and pays each its whole amount, in that order, while the budget allows; never part of "
                + "one. A claim that does not fit is deferred and the claims after it are still tried, unless "
                + "--stop-at-first-misfit. A range under review is allocated at the committee's amount (--reviews) "
                + "or else at its minimum.",
                "Prints the paid list, the deferred list (to next year, with amounts) and the skipped lines (error "
                        + "lines, decisions that grant nothing, what-ifs), each with why, and the totals: every "
                        + "line read is in exactly one list. README, \"Fund allocation\"."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the allocation was written (deferred and skipped claims included)",
                "2:bad usage or input: a budget that is negative or not an amount, an unknown priority key, a "
                        + "missing file, a decisions line that is not a batch result line, a claim twice, a reviews "
                        + "line naming an unknown claim or an amount outside its range (each naming the line)",
                "4:anything unexpected"})
final class AllocateCommand implements Callable<Integer> {
    @Option(names = "--decisions", required = true, paramLabel = "FILE",
            description = "The decisions: the output of huzhu batch (JSON Lines, schemas/batch-result.schema.json), "
                    + "or - for standard input.")
    String decisions;

    @Option(names = "--budget", required = true, paramLabel = "AMOUNT", converter = BudgetConverter.class,
            description = "The budget in yuan, e.g. 100000 or 2500.50: not negative, whole fen.")
    BigDecimal budget;

    @Option(names = "--priority", paramLabel = "KEYS", converter = PriorityConverter.class,
            defaultValue = "self-pay-desc,application-date-asc,claim-id-asc",
            description = "The order claims are paid in: keys separated by commas, each a tiebreak for those before "
                    + "it, from self-pay-desc, self-pay-asc (the decision's base, Hunan's 12-month self-pay), "
                    + "application-date-asc, application-date-desc, amount-desc, amount-asc (the amount allocated), "
                    + "claim-id-asc (always the last tiebreak). Default: ${DEFAULT-VALUE}.")
    Priority priority;

    @Option(names = "--stop-at-first-misfit",
            description = "Stop at the first claim that does not fit in the budget left: defer it and every claim "
                    + "after it (default: defer it and go on, so smaller claims after it may still be paid).")
    boolean stopAtFirstMisfit;

    @Option(names = "--reviews", paramLabel = "FILE",
            description = "The committee's amounts for claims under review: CSV with the header claimId,amount (# "
                    + "starts a comment). Each amount must lie in its claim's range; claims under review not listed "
                    + "are allocated at the range's minimum.")
    Path reviews;

    @Option(names = "--base", paramLabel = "NAME", defaultValue = Decisions.HUNAN_BASE,
            description = "The base the decisions carry that self-pay-* ranks by (default: ${DEFAULT-VALUE}, "
                    + "Hunan's 12-month self-pay).")
    String base;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "-",
            description = "Where the allocation goes: a file (replaced), or - for standard output (the default).")
    String out;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (for people) or json (for machines; money as strings of yuan) (default: "
                    + "${DEFAULT-VALUE}).")
    Huzhu.Format format;

    private final InputStream stdin;
    private final PrintStream stdout;

    AllocateCommand(InputStream stdin, PrintStream stdout) {
        this.stdin = stdin;
        this.stdout = stdout;
    }

    @Override
    public Integer call() throws IOException {
        Decisions read;
        String source = decisions.equals("-") ? "<stdin>" : decisions;
        try (InputStream in = decisions.equals("-") ? stdin : Huzhu.openInput(Path.of(decisions))) {
            read = Decisions.read(in, source, base);
        }
        ReviewOutcomes committee = ReviewOutcomes.none();
        if (reviews != null) {
            try (InputStream in = Huzhu.openInput(reviews)) {
                committee = ReviewOutcomes.read(in, reviews.toString());
            }
        }
        Allocation allocation = FundAllocation.allocate(read, committee, budget, priority,
                stopAtFirstMisfit ? MisfitPolicy.STOP_AT_FIRST_MISFIT : MisfitPolicy.SKIP_AND_CONTINUE);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (format == Huzhu.Format.json) {
            AllocationJson.write(allocation, bytes);
        } else {
            bytes.writeBytes(text(allocation).getBytes(StandardCharsets.UTF_8));
        }
        if (out.equals("-")) {
            stdout.write(bytes.toByteArray());
            stdout.flush();
        } else {
            try {
                Files.write(Path.of(out), bytes.toByteArray());
            } catch (IOException e) {
                throw new InvalidInputException(out, "cannot be written: " + e.getMessage(), e);
            }
        }
        return Huzhu.EXIT_OK;
    }

    /** The allocation for people: the three lists, then the counts and totals. */
    static String text(Allocation a) {
        StringBuilder b = new StringBuilder();
        b.append("Fund allocation: budget ").append(Figures.money(a.budget())).append(" yuan; priority ")
                .append(a.priority()).append("; ").append(a.misfit() == MisfitPolicy.SKIP_AND_CONTINUE
                        ? "a claim that does not fit is deferred and later ones are still tried"
                        : "stops at the first claim that does not fit").append('\n');
        int idWidth = Math.max(5, a.entries() == 0 ? 0 : java.util.stream.Stream.concat(
                java.util.stream.Stream.concat(a.paid().stream(), a.deferred().stream()).map(r -> r.claim().claimId()),
                a.skipped().stream().map(s -> s.claimId() == null ? "-" : s.claimId()))
                .mapToInt(String::length).max().orElse(0));
        String row = "%5s  %-" + idWidth + "s  %-10s  %14s  %12s  %14s  %s%n";
        b.append('\n').append("Paid (").append(a.paid().size()).append("):\n");
        ranked(b, row, a.paid());
        b.append('\n').append("Deferred to next year (").append(a.deferred().size()).append("):\n");
        ranked(b, row, a.deferred());
        b.append('\n').append("Skipped (").append(a.skipped().size()).append("):\n");
        for (Skipped s : a.skipped()) {
            b.append(String.format(Locale.ROOT, "  %-" + idWidth + "s  %s: %s (%s)%n",
                    s.claimId() == null ? "-" : s.claimId(), s.reason().label().replace('-', ' '), s.detail(),
                    s.line()));
        }
        b.append('\n').append(String.format(Locale.ROOT, "%d entries: %d paid, %d deferred, %d skipped%n",
                a.entries(), a.paid().size(), a.deferred().size(), a.skipped().size()));
        b.append(String.format(Locale.ROOT, "Budget %s yuan: paid %s, remaining %s; deferred to next year %s%n",
                Figures.money(a.budget()), Figures.money(a.paidTotal()), Figures.money(a.remaining()),
                Figures.money(a.deferredTotal())));
        return b.toString();
    }

    private static void ranked(StringBuilder b, String row, List<RankedClaim> claims) {
        if (claims.isEmpty()) {
            b.append("  (none)\n");
            return;
        }
        b.append(String.format(Locale.ROOT, row, "RANK", "CLAIM", "APPLIED", "SELF-PAY", "AMOUNT", "LEFT AFTER",
                "").stripTrailing()).append('\n');
        for (RankedClaim r : claims) {
            String note = "";
            if (r.amountSource() != AmountSource.DECISION) {
                note = (r.amountSource() == AmountSource.COMMITTEE ? "committee's amount" : "range minimum")
                        + " in " + Figures.money(r.claim().underReview().min()) + "–"
                        + Figures.money(r.claim().underReview().max());
            }
            if (r.deferral() != null) {
                String why = r.deferral() == RankedClaim.Deferral.DOES_NOT_FIT ? "does not fit"
                        : "after the first misfit";
                note = note.isEmpty() ? why : why + "; " + note;
            }
            b.append(String.format(Locale.ROOT, row, r.rank(), r.claim().claimId(), r.claim().applicationDate(),
                    Figures.money(r.claim().selfPay()), Figures.money(r.amount()),
                    Figures.money(r.remainingAfter()), note).stripTrailing()).append('\n');
        }
    }

    /** {@code --budget}: an amount in yuan, checked by {@link FundAllocation#budget}. */
    static final class BudgetConverter implements CommandLine.ITypeConverter<BigDecimal> {
        @Override
        public BigDecimal convert(String value) {
            BigDecimal amount;
            try {
                amount = new BigDecimal(value.trim());
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("expected an amount in yuan such as 100000 or "
                        + "2500.50, got '" + value + "'");
            }
            try {
                return FundAllocation.budget(amount);
            } catch (InvalidInputException e) {
                throw new CommandLine.TypeConversionException(withoutField(e));
            }
        }
    }

    /** {@code --priority}: keys separated by commas ({@link Priority#parse}). */
    static final class PriorityConverter implements CommandLine.ITypeConverter<Priority> {
        @Override
        public Priority convert(String value) {
            try {
                return Priority.parse(value);
            } catch (InvalidInputException e) {
                throw new CommandLine.TypeConversionException(withoutField(e));
            }
        }
    }

    /** The message without its field: picocli names the option already. */
    private static String withoutField(InvalidInputException e) {
        return e.getMessage().substring(e.field().length() + 2);
    }
}
