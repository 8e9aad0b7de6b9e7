package org.huzhu.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;

/** Writes case results as JUnit XML (one file per case file), the report format CI tools read. */
public final class JUnitXml {
    private JUnitXml() {
    }

    public static void write(Path dir, List<CaseResult> results) {
        Map<String, List<CaseResult>> byFile = new LinkedHashMap<>();
        for (CaseResult r : results) {
            byFile.computeIfAbsent(r.testCase().file(), f -> new java.util.ArrayList<>()).add(r);
        }
        Set<String> written = new HashSet<>();
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, List<CaseResult>> e : byFile.entrySet()) {
                String suite = suiteName(e.getKey());
                long failures = e.getValue().stream().filter(r -> !r.passed()).count();
                double seconds = e.getValue().stream().mapToLong(CaseResult::millis).sum() / 1000.0;
                StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
                x.append("<testsuite name=\"").append(esc(suite)).append("\" tests=\"").append(e.getValue().size())
                        .append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"0\" time=\"")
                        .append(seconds).append("\">\n");
                for (CaseResult r : e.getValue()) {
                    x.append("  <testcase classname=\"").append(esc(suite)).append("\" name=\"")
                            .append(esc(r.testCase().name())).append("\" time=\"").append(r.millis() / 1000.0)
                            .append('"');
                    if (r.passed()) {
                        x.append("/>\n");
                    } else {
                        String message = String.join("; ", r.failures());
                        x.append(">\n    <failure message=\"").append(esc(message)).append("\">")
                                .append(esc(String.join("\n", r.failures()))).append("</failure>\n  </testcase>\n");
                    }
                }
                x.append("</testsuite>\n");
                String fileName = "TEST-" + suite.replaceAll("[^A-Za-z0-9._-]", "_") + ".xml";
                for (int n = 2; !written.add(fileName); n++) {   // two suites of one name must not overwrite
                    fileName = "TEST-" + suite.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + n + ".xml";
                }
                Files.writeString(dir.resolve(fileName), x.toString(), StandardCharsets.UTF_8);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** {@code wujin/2024/cases/bands.yaml} → {@code wujin.2024.bands}. */
    static String suiteName(String file) {
        String f = file.replace('\\', '/');
        String[] parts = f.split("/");
        String base = parts[parts.length - 1].replaceAll("\\.ya?ml$", "");
        if (parts.length >= 4 && parts[parts.length - 2].equals("cases")) {
            return parts[parts.length - 4] + "." + parts[parts.length - 3] + "." + base;
        }
        // A ruleset that was refused (.../ruleset.yaml) or has no cases (.../cases).
        if (parts.length >= 3 && (f.endsWith("/ruleset.yaml") || f.endsWith("/cases"))) {
            return parts[parts.length - 3] + "." + parts[parts.length - 2] + "." + base;
        }
        return base;
    }

    private static String esc(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        b.append(' ');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
