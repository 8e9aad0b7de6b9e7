package org.huzhu.cli;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.stream.Stream;

/**
 * Test-only: runs {@code huzhu evaluate --format json} as {@link Huzhu#main} does (on this process's standard
 * streams) for every example claim, with {@code --lang zh}, {@code --lang en} and no {@code --lang}, one after the
 * other, each followed by a separator line. {@link ForkedJvmOutputTest} starts one JVM per locale, time zone and
 * encoding on it, and {@link #outputs} gives the same runs' bytes in-process.
 *
 * <p>Arguments: the folder of example claims, the rulesets folder.
 */
public final class ExampleOutputsMain {
    /** The {@code --lang} options of each run: zh, en, and none (the default). */
    static final List<List<String>> LANGUAGES = List.of(List.of("--lang", "zh"), List.of("--lang", "en"), List.of());

    private ExampleOutputsMain() {
    }

    public static void main(String[] args) throws IOException {
        // What this JVM's defaults are, so that the test can tell its settings took effect.
        System.err.println("defaults: locale " + Locale.getDefault() + ", time zone " + TimeZone.getDefault().getID()
                + ", charset " + Charset.defaultCharset() + ", 1.5 formats as " + String.format("%.2f", 1.5));
        for (List<String> run : runs(Path.of(args[0]), Path.of(args[1]))) {
            int exit = Huzhu.runOnStandardStreams(run.toArray(String[]::new));
            System.out.write(separator(run, exit));
            System.out.flush();
        }
    }

    /**
     * Every run's arguments: each example claim (sorted by name) in each of {@link #LANGUAGES}, with its scheme's
     * folder of rulesets only ({@code wujin-2024-two-stays.json}: {@code rulesets/wujin}), so that each run loads
     * what it uses.
     */
    static List<List<String>> runs(Path claims, Path rulesets) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(claims)) {
            files = list.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        List<List<String>> runs = new ArrayList<>();
        for (Path claim : files) {
            for (List<String> language : LANGUAGES) {
                List<String> run = new ArrayList<>(List.of("evaluate", "--claim", claim.toString(), "--format",
                        "json", "--rulesets", rulesets.resolve(scheme(claim)).toString()));
                run.addAll(language);
                runs.add(run);
            }
        }
        return runs;
    }

    private static String scheme(Path claim) {
        String name = claim.getFileName().toString();
        return name.substring(0, name.indexOf('-'));
    }

    /** An ASCII line after each run's output: the claim file's name, the language asked for and the exit code. */
    static byte[] separator(List<String> run, int exit) {
        String claim = Path.of(run.get(2)).getFileName().toString();
        String language = run.contains("--lang") ? run.get(run.indexOf("--lang") + 1) : "default";
        return ("=== " + claim + " " + language + " exit " + exit + "\n").getBytes(StandardCharsets.US_ASCII);
    }
}
