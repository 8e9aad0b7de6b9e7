package org.huzhu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code huzhu serve}'s options: documented in {@code --help}, checked before anything is served. */
class ServeCommandTest {
    @Test
    void helpListsEveryLimitAndTheExitCodes() {
        ServeFixture.Run help = ServeFixture.huzhu(null, "serve", "--help");
        assertThat(help.exit()).isZero();
        // Help wraps its lines at 80 columns: compare with single spaces.
        assertThat(new String(help.out(), java.nio.charset.StandardCharsets.UTF_8).replaceAll("\\s+", " ")).contains("--port", "--host",
                "--rulesets", "--workers", "--max-body", "--max-batch-body", "--max-batch-lines", "--time-limit",
                "--batch-time-limit", "default: 8080", "default: 127.0.0.1", "default: 1MiB", "default: 64MiB",
                "default: 10000", "default: 10s", "default: 60s", "Exit codes:", "POST /v1/evaluate");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "--workers, 0, must be at least 1",
            "--max-body, 1MB, expected a size such as 1048576, 512KiB or 64MiB, got '1MB'",
            "--max-batch-lines, -5, must be at least 1",
            "--time-limit, 10, expected a positive duration such as 500ms, 10s or 2m, got '10'",
            "--batch-time-limit, 0s, expected a positive duration"})
    void aBadLimitIsExit2NamingTheOption(String option, String value, String says) {
        ServeFixture.Run run = ServeFixture.huzhu(null, "serve", option, value);
        assertThat(run.exit()).isEqualTo(Huzhu.EXIT_INPUT);
        assertThat(run.err()).contains(option, says, "Try 'huzhu serve --help'");
    }

    @Test
    void aPortInUseIsExit2NamingIt() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            ServeFixture.Run run = ServeFixture.huzhu(null, "serve", "--port", String.valueOf(taken.getLocalPort()),
                    "--rulesets", ServeFixture.RULESETS.toString());
            assertThat(run.exit()).isEqualTo(Huzhu.EXIT_INPUT);
            assertThat(run.err()).startsWith("huzhu: error: --port: cannot serve on 127.0.0.1:"
                    + taken.getLocalPort());
        }
    }
}
