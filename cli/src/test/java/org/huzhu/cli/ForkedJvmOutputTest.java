package org.huzhu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decision JSON is the same bytes on any machine: fresh JVMs running the real tool ({@link Huzhu#main}'s path,
 * writing to their own standard output) under other default locales, time zones and encodings print, for every
 * example claim in zh, in en and in the default language, exactly the bytes the tool prints in this JVM.
 * One JVM per configuration runs every example ({@link ExampleOutputsMain}).
 */
class ForkedJvmOutputTest {
    static final Path CLAIMS = Path.of("..", "examples", "claims").toAbsolutePath().normalize();
    static final Path RULESETS = Path.of("..", "rulesets").toAbsolutePath().normalize();

    /** One forked JVM's defaults. */
    record Machine(String language, String country, String timeZone, String encoding, String expectedDefaults) {
        List<String> options() {
            // stdout.encoding from JDK 19, sun.stdout.encoding before: the charset System.out encodes text with.
            return List.of("-Duser.language=" + language, "-Duser.country=" + country, "-Duser.timezone=" + timeZone,
                    "-Dfile.encoding=" + encoding, "-Dstdout.encoding=" + encoding, "-Dsun.stdout.encoding=" + encoding,
                    "-Dstderr.encoding=" + encoding, "-Dsun.stderr.encoding=" + encoding);
        }
    }

    static final List<Machine> MACHINES = List.of(
            new Machine("zh", "CN", "Asia/Shanghai", "UTF-8",
                    "locale zh_CN, time zone Asia/Shanghai, charset UTF-8, 1.5 formats as 1.50"),
            new Machine("en", "US", "America/Los_Angeles", "US-ASCII",
                    "locale en_US, time zone America/Los_Angeles, charset US-ASCII, 1.5 formats as 1.50"),
            new Machine("de", "DE", "Pacific/Kiritimati", "ISO-8859-1",
                    "locale de_DE, time zone Pacific/Kiritimati, charset ISO-8859-1, 1.5 formats as 1,50"),
            new Machine("tr", "TR", "America/Los_Angeles", "GBK",
                    "locale tr_TR, time zone America/Los_Angeles, charset GBK, 1.5 formats as 1,50"));

    @TempDir
    Path dir;

    @Test
    void everyExampleGivesTheSameBytesInFreshJvmsWithOtherLocalesTimeZonesAndEncodings() throws Exception {
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < MACHINES.size(); i++) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString()));
            // Short-lived JVMs: the client compiler alone and one GC thread start faster and change no output.
            command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
            command.addAll(MACHINES.get(i).options());
            command.addAll(List.of("-cp", classpath(), ExampleOutputsMain.class.getName(), CLAIMS.toString(),
                    RULESETS.toString()));
            processes.add(new ProcessBuilder(command).redirectOutput(dir.resolve(i + ".out").toFile())
                    .redirectError(dir.resolve(i + ".err").toFile()).start());
        }
        // While they run: the same runs in this JVM.
        byte[] expected = inProcess();
        checkInProcess(new String(expected, StandardCharsets.UTF_8));
        for (int i = 0; i < MACHINES.size(); i++) {
            Machine m = MACHINES.get(i);
            Process p = processes.get(i);
            boolean ended = p.waitFor(5, TimeUnit.MINUTES);
            if (!ended) {
                processes.forEach(Process::destroyForcibly);
            }
            String err = Files.readString(dir.resolve(i + ".err"), StandardCharsets.ISO_8859_1);
            assertThat(ended).as("%s ended", m).isTrue();
            assertThat(p.exitValue()).as("%s exit; stderr: %s", m, err).isZero();
            assertThat(err).as("the JVM's defaults").contains("defaults: " + m.expectedDefaults());
            byte[] actual = Files.readAllBytes(dir.resolve(i + ".out"));
            assertThat(new String(actual, StandardCharsets.UTF_8)).as("output under %s", m)
                    .isEqualTo(new String(expected, StandardCharsets.UTF_8));
            assertThat(actual).as("bytes under %s", m).isEqualTo(expected);
        }
    }

    /** The same runs in this JVM, each on a fresh tool (so a fresh engine). */
    private static byte[] inProcess() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (List<String> run : ExampleOutputsMain.runs(CLAIMS, RULESETS)) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = new Huzhu(new PrintStream(all, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)).run(run.toArray(String[]::new));
            assertThat(exit).as("%s: %s", run, err.toString(StandardCharsets.UTF_8)).isZero();
            all.write(ExampleOutputsMain.separator(run, exit));
        }
        return all.toByteArray();
    }

    /**
     * What is compared is what it should be: every example in zh, en and the default, each a decision in its
     * language, the default the same as zh; Shaoxing's (README, seed 001) 1,830 + 250 = 2,080.00.
     */
    private static void checkInProcess(String all) throws IOException {
        String[] parts = all.split("=== [^\n]+ exit 0\n", -1);
        assertThat(parts).hasSize(8 * 3 + 1);
        assertThat(parts[parts.length - 1]).isEmpty();
        ObjectMapper mapper = new ObjectMapper();
        for (int claim = 0; claim < 8; claim++) {
            String zh = parts[3 * claim];
            String en = parts[3 * claim + 1];
            assertThat(mapper.readTree(zh).get("lang").asText()).isEqualTo("zh");
            assertThat(mapper.readTree(en).get("lang").asText()).isEqualTo("en");
            assertThat(parts[3 * claim + 2]).as("the default language is zh").isEqualTo(zh);
        }
        // Sorted by file name, shaoxing-2015-stay-and-allowance.json is the seventh example.
        assertThat(all).contains("=== shaoxing-2015-stay-and-allowance.json zh exit 0\n");
        assertThat(parts[3 * 6]).contains("\"total\" : 2080.00", "\"kindName\" : \"二次报销\"");
        assertThat(parts[3 * 6 + 1]).contains("\"total\" : 2080.00", "\"kindName\" : \"second reimbursement\"");
    }

    /** The tool's runtime classpath (set by the build), with this test's classes for {@link ExampleOutputsMain}. */
    private static String classpath() throws Exception {
        String tests = Path.of(ExampleOutputsMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        // Outside Maven (an IDE), the JVM's own class path holds the tool's.
        return tests + File.pathSeparator + (System.getProperty("huzhu.runtimeClasspath") != null ? ModulePathTest.path()
                : System.getProperty("java.class.path"));
    }
}
