package org.huzhu.engine.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.huzhu.engine.TestRulesets;

/**
 * The hostile payloads under {@code src/test/resources/hostile}: each file's header says what it is ({@code //
 * hostile:}), how its live run proves the hazard ({@code // live:}), whether the second layer alone refuses it
 * ({@code // layer2: refuses|blind}) and, while the first layer is being rewritten, whether today's sandbox still
 * lets it through ({@code // pending:}).
 */
record HostileCorpus(String name, String what, String live, boolean layer2Refuses, String pending, String text) {
    static final String SINK = "@@SINK@@";
    static final String PORT = "@@PORT@@";

    static List<HostileCorpus> all() {
        try {
            Path dir = Path.of(HostileCorpus.class.getResource("/hostile").toURI());
            List<HostileCorpus> payloads = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".drl")).sorted().toList()) {
                    payloads.add(parse(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8)));
                }
            }
            return payloads;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HostileCorpus parse(String file, String text) {
        String what = header(text, "hostile");
        String live = header(text, "live");
        String layer2 = header(text, "layer2");
        if (what == null || live == null || layer2 == null) {
            throw new IllegalStateException(file + ": header needs // hostile:, // live: and // layer2:");
        }
        return new HostileCorpus(file.replace(".drl", ""), what, live, layer2.equals("refuses"),
                header(text, "pending"), text);
    }

    private static String header(String text, String key) {
        for (String line : text.split("\n")) {
            if (line.startsWith("// " + key + ":")) {
                return line.substring(key.length() + 4).trim();
            }
        }
        return null;
    }

    /** Writes the payload as the only DRL of a minimal ruleset folder (scheme {@code test}). */
    Path writeRuleset(Path folder, Path sink, int port) throws IOException {
        TestRulesets.write(folder, "test", "HOSTILE", with(sink, port));
        return folder;
    }

    String with(Path sink, int port) {
        return text.replace(SINK, sink.toAbsolutePath().toString().replace('\\', '/'))
                .replace(PORT, Integer.toString(port));
    }

    @Override
    public String toString() {
        return name;
    }
}
