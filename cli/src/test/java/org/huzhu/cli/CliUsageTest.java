package org.huzhu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.huzhu.engine.TestRulesets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The command line itself: help for every command, strict parsing (a repeated single-valued option, an unknown
 * option, a leftover argument are exit 2), {@code --claim -} from standard input, {@code list SCHEME}, and exit 4
 * for a rule that fails at run time.
 */
class CliUsageTest {
    static final Path EXAMPLE = Path.of("..", "examples", "claims", "wujin-2024-two-stays.json");
    /** The bundled rulesets, from the working tree: the rulesets module is not on this module's classpath. */
    static final String RULESETS = Path.of("..", "rulesets").toString();

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run huzhu(InputStream in, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Huzhu(in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Run huzhu(String... args) {
        return huzhu(new ByteArrayInputStream(new byte[0]), args);
    }

    @ParameterizedTest(name = "{0} --help")
    @CsvSource(delimiter = '|', value = {
            "list     | SCHEME,--rulesets",
            "show     | ID@VERSION,--format,--rulesets",
            "evaluate | --claim,--ruleset,--what-if,--format,--lang,--rulesets",
            "test     | PATH,--junit-xml,--rulesets"})
    void everyCommandHasHelpListingItsOptions(String command, String options) {
        Run help = huzhu(command, "--help");
        assertThat(help.exit()).as(help.err()).isZero();
        assertThat(help.out()).startsWith("Usage: huzhu " + command).contains(options.split(","))
                .contains("Exit codes:", "2   bad usage or input");
        assertThat(help.err()).isEmpty();
        assertThat(huzhu("help", command).out()).isEqualTo(help.out());
    }

    /** Every command the tool has, read from its command tree (so a new one cannot be left out): --help works. */
    @Test
    void everyCommandInTheTreeHasHelpNamingEachOfItsOptions() {
        java.util.Map<String, picocli.CommandLine> commands = new Huzhu(System.out, System.err).commandLine()
                .getSubcommands();
        assertThat(commands.keySet()).contains("list", "show", "evaluate", "test", "batch", "serve", "diff", "help");
        for (var entry : commands.entrySet()) {
            if (entry.getKey().equals("help")) {
                continue;
            }
            Run help = huzhu(entry.getKey(), "--help");
            assertThat(help.exit()).as(entry.getKey() + ": " + help.err()).isZero();
            assertThat(help.out()).as(entry.getKey()).startsWith("Usage: huzhu " + entry.getKey())
                    .contains("Exit codes:");
            for (picocli.CommandLine.Model.OptionSpec option : entry.getValue().getCommandSpec().options()) {
                assertThat(help.out()).as(entry.getKey()).contains(option.longestName());
                assertThat(option.description()).as(entry.getKey() + " " + option.longestName()).isNotEmpty();
            }
        }
    }

    @Test
    void topLevelHelpListsTheCommandsAndExitCodes() {
        Run help = huzhu("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("list", "show", "evaluate", "test", "batch", "serve", "diff", "Exit codes:",
                "4   engine error");
        Run none = huzhu();
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).startsWith("huzhu: missing command").contains("Commands:");
    }

    @Test
    void aSecondClaimIsAnErrorNotAReplacement() {
        Run run = huzhu("evaluate", "--claim", EXAMPLE.toString(), "--claim", "other.json");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("'--claim'", "should be specified only once");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anUnknownOptionIsExit2NamingIt() {
        Run run = huzhu("evaluate", "--claim", EXAMPLE.toString(), "--no-such-option");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("huzhu: Unknown option: '--no-such-option'")
                .contains("huzhu evaluate --help");
        assertThat(huzhu("evaluate").err()).contains("Missing required option: '--claim=FILE'");
        assertThat(huzhu("show", "wujin@2024", "extra").err()).contains("Unmatched argument", "'extra'");
        assertThat(huzhu("frobnicate").exit()).isEqualTo(2);
        Run format = huzhu("evaluate", "--claim", EXAMPLE.toString(), "--format", "xml");
        assertThat(format.exit()).isEqualTo(2);
        assertThat(format.err()).contains("--format", "xml");
    }

    @Test
    void claimDashReadsStandardInput() throws IOException {
        Run fromFile = huzhu("evaluate", "--claim", EXAMPLE.toString(), "--format", "json", "--lang", "en",
                "--rulesets", RULESETS);
        Run fromStdin = huzhu(new ByteArrayInputStream(Files.readAllBytes(EXAMPLE)),
                "evaluate", "--claim", "-", "--format", "json", "--lang", "en", "--rulesets", RULESETS);
        assertThat(fromStdin.exit()).as(fromStdin.err()).isZero();
        assertThat(fromStdin.out()).isEqualTo(fromFile.out()).contains("INPATIENT_SUBSIDY");
        Run bad = huzhu(new ByteArrayInputStream("{".getBytes(StandardCharsets.UTF_8)), "evaluate", "--claim", "-");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).startsWith("huzhu: error: <stdin>");
    }

    @Test
    void listFiltersByScheme() {
        Run wujin = huzhu("list", "wujin", "--rulesets", RULESETS);
        assertThat(wujin.exit()).as(wujin.err()).isZero();
        // Each version's row, then the folder it was read from (list says where each version came from).
        assertThat(wujin.out().lines().skip(1)).isNotEmpty().allMatch(l -> l.startsWith("wujin ")
                || l.startsWith("  from " + Path.of(RULESETS, "wujin") + "/"));
        assertThat(huzhu("list", "--rulesets", RULESETS).out().lines().count()).isGreaterThan(wujin.out().lines().count());
        Run unknown = huzhu("list", "nowhere", "--rulesets", RULESETS);
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("no scheme 'nowhere'", "wujin");
        assertThat(huzhu("list", "wujin", "jinhua").exit()).isEqualTo(2);
    }

    /**
     * A rule that fails at run time: exit 4. A division by zero is refused when the ruleset loads (BigDecimal's
     * divide is not allowed), so the rule grants a range whose bounds, read from a parameter, are the wrong way round.
     */
    @Test
    void aRuleFailingAtRunTimeIsExit4() throws IOException {
        Path folder = dir.resolve("boom");
        TestRulesets.write(folder, "boom", "FLAT", """
                package t;
                import org.huzhu.api.ruleset.ClaimContext;

                rule "Grants an upside-down range"
                when
                    $c : ClaimContext( $k : key )
                then
                    $c.grantRange("FLAT", $c.money("amount"), $c.money("amount").subtract($c.money("amount")),
                            "APPROVAL_REQUIRED", $c.msg("text").with("someone decides"));
                end
                """);
        Path claim = Files.writeString(dir.resolve("claim.json"), """
                {"ruleset": "boom", "claim": {"id": "C1", "member": {"id": "M1"}, "claimDate": "2024-03-01"}}
                """);
        Run run = huzhu("evaluate", "--claim", claim.toString(), "--rulesets", folder.toString());
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(4);
        assertThat(run.err()).startsWith("huzhu: evaluation failed: ").contains("Grants an upside-down range", "grants the range 100");
        assertThat(run.out()).isEmpty();
    }
}
