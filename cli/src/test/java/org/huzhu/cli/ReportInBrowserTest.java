package org.huzhu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.huzhu.actuary.report.HtmlReport;
import org.huzhu.cli.CliUsageTest.Run;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's charts draw in a real browser: headless Chromium (the Debian package {@code chromium}, which .ci/run
 * installs) opens the report {@code huzhu simulate} wrote, offline, and
 * <ul>
 *   <li>its DOM after the scripts ran has every chart's canvas, with the pixels it painted counted by the page
 *       ({@code data-painted}, from the canvas's own pixels) more than three times what the same chart paints in the
 *       report of an empty population (title, legend and axes only: 5,000 to 11,000 pixels; with bars, 46,000 and
 *       more);</li>
 *   <li>a screenshot of the page holds bars in each colour the charts use: the baseline's and the reform's, the
 *       winners' and the losers'.</li>
 * </ul>
 * Without Chromium the test is skipped, except under CI ({@code CI=true}) or with {@code -Dhuzhu.browser=required},
 * where a missing browser fails it. The screenshot stays in target/report-screenshots for a look.
 */
class ReportInBrowserTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "--lang {0}")
    @ValueSource(strings = {"en", "zh"})
    void theChartsDrawInHeadlessChromium(String lang) throws Exception {
        Path chromium = chromium();
        Path out = dir.resolve("out");
        Run run = SimulateCommandTest.simulate(dir, out, lang);
        assertThat(run.exit()).as(run.err()).isEqualTo(1);     // the population's three error rows
        String url = out.resolve("report.html").toUri().toString();

        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");
        Path emptyOut = dir.resolve("empty");
        Run none = CliUsageTest.huzhu("simulate", "--population", empty.toString(), "--baseline", "wujin@2024",
                "--versus", "wujin@2025", "--out", emptyOut.toString(), "--lang", lang, "--rulesets",
                SimulateCommandTest.rulesets(dir.resolve("empty-tree")).toString(), "--quiet");
        assertThat(none.exit()).as(none.err()).isZero();
        String dom = browse(chromium, "--dump-dom", url);
        String emptyDom = browse(chromium, "--dump-dom", emptyOut.resolve("report.html").toUri().toString());
        for (String chart : HtmlReport.CHARTS) {
            long bare = painted(emptyDom, chart);
            assertThat(painted(dom, chart)).as(chart + " painted pixels, against " + bare + " without data")
                    .isGreaterThan(3 * bare);
        }

        Path shots = Path.of("target", "report-screenshots");
        Files.createDirectories(shots);
        Path png = shots.resolve("report-" + lang + ".png").toAbsolutePath();
        Files.deleteIfExists(png);
        browse(chromium, "--screenshot=" + png, url);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("screenshot " + png).isNotNull();
        for (String colour : List.of(HtmlReport.BASELINE, HtmlReport.REFORM, HtmlReport.WINNERS,
                HtmlReport.LOSERS)) {
            assertThat(pixelsOf(image, colour)).as("pixels of " + colour + " in " + png).isGreaterThan(500);
        }
    }

    /** The pixels a chart's canvas painted, as the page counted them, after checking that the canvas is there. */
    private static long painted(String dom, String chart) {
        Matcher tag = Pattern.compile("<div[^>]*id=\"" + chart + "\"[^>]*>").matcher(dom);
        assertThat(tag.find()).as(chart + " in the DOM").isTrue();
        int from = tag.end();
        assertThat(dom.substring(from, Math.min(dom.length(), from + 2_000))).as(chart).contains("<canvas");
        Matcher painted = Pattern.compile("data-painted=\"(\\d+)\"").matcher(tag.group());
        assertThat(painted.find()).as(chart + " was drawn (data-painted set): " + tag.group()).isTrue();
        return Long.parseLong(painted.group(1));
    }

    /** Chromium's output (standard output) for a page: the page loads offline, its scripts get 10 s. */
    private String browse(Path chromium, String mode, String url) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-extensions",
                "--user-data-dir=" + dir.resolve("profile"), "--window-size=1100,2700",
                "--virtual-time-budget=10000", mode, url));
        Path stdout = dir.resolve("chromium.out");
        Path stderr = dir.resolve("chromium.err");
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s: " + command);
        }
        assertThat(p.exitValue()).as("chromium exit; stderr: " + Files.readString(stderr)).isZero();
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    private static long pixelsOf(BufferedImage image, String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y) & 0xffffff;
                if (close(p >> 16, rgb >> 16) && close(p >> 8, rgb >> 8) && close(p, rgb)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static boolean close(int a, int b) {
        return Math.abs((a & 0xff) - (b & 0xff)) <= 3;
    }

    /** Chromium on the PATH, or the test is skipped (fails under CI or with -Dhuzhu.browser=required). */
    private static Path chromium() {
        Optional<Path> found = Optional.empty();
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                Path candidate = Path.of(folder, name);
                if (found.isEmpty() && Files.isExecutable(candidate)) {
                    found = Optional.of(candidate);
                }
            }
        }
        boolean required = "true".equals(System.getenv("CI"))
                || "required".equals(System.getProperty("huzhu.browser"));
        if (found.isEmpty() && required) {
            throw new AssertionError("headless Chromium is required here (CI=true or -Dhuzhu.browser=required) "
                    + "but none is on the PATH: apt-get install chromium");
        }
        Assumptions.assumeTrue(found.isPresent(), "no chromium on the PATH: the report's browser check is skipped");
        return found.get();
    }
}
