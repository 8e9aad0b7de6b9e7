package org.huzhu.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.huzhu.api.HuzhuException;
import org.huzhu.api.RulesetException;
import org.huzhu.api.RulesetInfo;
import org.huzhu.api.SubsidyEngine;
import org.huzhu.engine.internal.RulesetSource;
import org.huzhu.engine.internal.YamlLines;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * The entry point a ruleset repository calls from a JUnit 5 {@code @TestFactory}:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> cases() {
 *     return HuzhuCases.dynamicTests(Path.of("rulesets"));
 * }
 * }</pre>
 *
 * <p>Each case of each ruleset's case files is its own test, named {@code scheme@version / file / case} (the name
 * Surefire's XML report and the IDE show; each test points at its case file and line). Per ruleset folder there is a
 * test that it loads and has case files, and, after every case, one that every rule of the version fired in some
 * case, which also prints the version's rule coverage ({@code rule coverage scheme@version: 4/4 (100%)}, as
 * {@code huzhu test} does).
 *
 * <p>Rulesets bundled on the test classpath (a repository that also depends on {@code org.huzhu:rulesets}) are
 * loaded too, as the engine a union deploys loads them: a folder version may extend one of them, and a folder
 * version with the same {@code scheme@version} replaces it. Only the folder's versions are tested.
 *
 * <p>Case files that carry a reform ({@code reform: ../my-reform.yaml}, README "Reforms") run too: in a version's
 * {@code cases/}, or in a {@code cases/} folder anywhere under the root outside the version folders (a folder of
 * reforms, such as {@code examples/reforms}). Each such case is decided by an engine holding its reform on top of the
 * root's rulesets; those decisions count toward no version's rule coverage.
 */
public final class HuzhuCases {
    private HuzhuCases() {
    }

    /** The tests for every ruleset version folder under {@code rulesetsRoot}; each version is compiled once. */
    public static Stream<DynamicNode> dynamicTests(Path rulesetsRoot) {
        List<RulesetException> refused = new ArrayList<>();
        SubsidyEngine engine = SubsidyEngine.builder().addRulesetFolder(rulesetsRoot).onRulesetError(refused::add)
                .build();
        // Read again for their case files; the engine has reported any that cannot be used.
        Map<String, RulesetSource> byOrigin = new LinkedHashMap<>();
        RulesetSource.fromFolder(rulesetsRoot, e -> { }, RulesetSource.byId(RulesetSource.fromClasspath(loader(),
                e -> { }))).forEach(s -> byOrigin.put(s.origin(), s));
        List<Path> folders = RulesetSource.versionFolders(rulesetsRoot);
        List<Path> reformCaseFiles = caseFilesOutside(rulesetsRoot, folders);
        assertTrue(!folders.isEmpty() || !reformCaseFiles.isEmpty(), () -> "no ruleset (a folder with ruleset.yaml) "
                + "and no case file under " + rulesetsRoot.toAbsolutePath());

        CaseRunner runner = new CaseRunner(engine, () -> SubsidyEngine.builder().addRulesetFolder(rulesetsRoot));
        ConcurrentLinkedQueue<CaseResult> results = new ConcurrentLinkedQueue<>();
        List<DynamicNode> nodes = new ArrayList<>();
        Map<String, Path> tested = new LinkedHashMap<>();   // version id → its folder
        for (Path folder : folders) {
            String origin = folder.toString();
            List<RulesetException> errors = refused.stream().filter(e -> isAbout(e, origin)).toList();
            refused.removeAll(errors);
            RulesetSource source = byOrigin.get(origin);
            if (!errors.isEmpty() || source == null) {
                String message = errors.isEmpty() ? origin + " cannot be read"
                        : String.join("\n", errors.stream().map(Throwable::getMessage).toList());
                nodes.add(DynamicTest.dynamicTest(origin + " / ruleset loads", folder.toUri(),
                        () -> fail("ruleset refused: " + message)));
                continue;
            }
            String id = source.rulesetId();
            tested.put(id, folder);
            List<DynamicNode> tests = new ArrayList<>();
            tests.add(DynamicTest.dynamicTest(id + " / has case files", folder.resolve("cases").toUri(),
                    () -> assertTrue(!source.cases().isEmpty(), () -> id + " has no case files: every version "
                            + "needs cases/*.yaml in " + origin)));
            source.cases().forEach((path, text) -> tests.addAll(caseTests(id, folder, path, text, id, runner,
                    results)));
            nodes.add(DynamicContainer.dynamicContainer(id, folder.toUri(), tests.stream()));
        }
        // Case files outside the version folders: each must name its reform (or a ruleset) itself.
        for (Path file : reformCaseFiles) {
            String name = rulesetsRoot.relativize(file).toString().replace('\\', '/');
            String text;
            try {
                text = java.nio.file.Files.readString(file);
            } catch (java.io.IOException e) {
                nodes.add(DynamicTest.dynamicTest(name + " / (whole file)", file.toUri(),
                        () -> fail("cannot read the case file: " + e.getMessage())));
                continue;
            }
            // Named like a version's tests, under the root's folder name: "reforms / my-reform.yaml / case".
            String group = String.valueOf(rulesetsRoot.toAbsolutePath().normalize().getFileName());
            nodes.add(DynamicContainer.dynamicContainer(name, file.toUri(), caseTests(group,
                    file.getParent().getParent(), "cases/" + file.getFileName(), text, null, runner, results)
                    .stream()));
        }
        // A refused classpath ruleset, or a folder error not tied to one version folder.
        refused.forEach(e -> nodes.add(DynamicTest.dynamicTest(e.location() + " / ruleset loads",
                () -> fail("ruleset refused: " + e.getMessage()))));
        // Dynamic nodes run in stream order, so these run after every case above.
        List<DynamicNode> coverage = new ArrayList<>();
        tested.forEach((id, folder) -> coverage.add(DynamicTest.dynamicTest(id + " / every rule fired in some case",
                folder.resolve("rules").toUri(), () -> checkCoverage(engine, id, results))));
        nodes.add(DynamicContainer.dynamicContainer("rule coverage", coverage.stream()));
        return nodes.stream();
    }

    /**
     * One test per case of a case file ({@code path} under {@code folder}); a file that cannot be read is one failed
     * test. {@code defaultRuleset} is the version folder's id, or null outside one.
     */
    private static List<DynamicNode> caseTests(String id, Path folder, String path, String text,
                                               String defaultRuleset, CaseRunner runner,
                                               ConcurrentLinkedQueue<CaseResult> results) {
        Path file = folder.resolve(path);
        String prefix = id + " / " + file.getFileName() + " / ";
        List<TestCase> cases;
        try {
            cases = CaseFiles.read(defaultRuleset == null ? file.toString() : id + "/" + path, text, defaultRuleset,
                    file.getParent());
        } catch (HuzhuException e) {
            return List.of(DynamicTest.dynamicTest(prefix + "(whole file)", file.toUri(),
                    () -> fail("cannot read the case file: " + e.getMessage())));
        }
        YamlLines lines = new YamlLines(text);
        List<DynamicNode> tests = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            TestCase c = cases.get(i);
            int line = lines.lineOf("/cases/" + i);
            URI at = URI.create(file.toUri() + (line > 0 ? "?line=" + line : ""));
            tests.add(DynamicTest.dynamicTest(prefix + c.name(), at, () -> {
                CaseResult r = runner.run(c);
                results.add(r);
                assertTrue(r.passed(), () -> c.name() + ": " + String.join("; ", r.failures()));
            }));
        }
        return tests;
    }

    /** Prints the version's rule coverage and fails naming the rules that no case fired. */
    private static void checkCoverage(SubsidyEngine engine, String id, ConcurrentLinkedQueue<CaseResult> results) {
        RulesetInfo info = engine.rulesets().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
        // A version that decided no case fired none of its rules.
        Set<String> unfired = CaseRunner.unfiredRules(engine, new ArrayList<>(results))
                .getOrDefault(id, new TreeSet<>(info.rules()));
        String line = CaseRunner.coverage(info, unfired);
        System.out.println(line);
        assertTrue(unfired.isEmpty(), () -> line + "; rules no case fired: " + String.join(", ", unfired));
    }

    /** The {@code cases/*.yaml} files under {@code root} that lie in none of the version folders, sorted. */
    private static List<Path> caseFilesOutside(Path root, List<Path> versionFolders) {
        try (Stream<Path> walk = java.nio.file.Files.walk(root)) {
            return walk.filter(f -> f.getFileName().toString().endsWith(".yaml") && f.getParent() != null
                            && f.getParent().getFileName() != null
                            && f.getParent().getFileName().toString().equals("cases")
                            && versionFolders.stream().noneMatch(f::startsWith)
                            && !root.relativize(f).toString().replace('\\', '/').matches("(.*/)?(target|src)/.*"))
                    .sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Whether a loading error is about the version folder {@code origin} (its files, or the folder itself). */
    private static boolean isAbout(RulesetException e, String origin) {
        String at = e.location();
        return at.equals(origin) || at.startsWith(origin + "/") || at.startsWith(origin + ":")
                || at.startsWith(origin + " ");
    }

    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : HuzhuCases.class.getClassLoader();
    }
}
