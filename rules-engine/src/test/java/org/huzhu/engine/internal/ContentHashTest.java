package org.huzhu.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The content hash's bytes (how the engine and the tools use it is in ExtendsTest). */
class ContentHashTest {
    @TempDir
    Path dir;

    static void write(Path folder, Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = folder.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
    }

    @Test
    void theHashIsTheDocumentedBytesWorkedByHand() throws Exception {
        Path one = dir.resolve("one");
        write(one, Map.of("ruleset.yaml", "a: 1\r\n", "parameters.yaml", "p\n", "rules/main.drl", "d\r",
                "cases/c.yaml", "ignored"));
        // "huzhu-ruleset-hash-1" NUL, 3 files NUL, then by path (UTF-8 byte order): parameters.yaml, rules/main.drl,
        // ruleset.yaml ('/' sorts before 'e'), each path NUL length NUL content with LF line endings.
        String bytes = "huzhu-ruleset-hash-1\0" + "3\0" + "parameters.yaml\0" + "2\0" + "p\n" + "rules/main.drl\0"
                + "2\0" + "d\n" + "ruleset.yaml\0" + "5\0" + "a: 1\n";
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(bytes.getBytes(StandardCharsets.UTF_8)));
        assertThat(RulesetSource.readFolder(one).contentHash()).isEqualTo(expected);
    }

    @Test
    void theHashOfAnExtensionCoversItsBaseFirst() throws Exception {
        RulesetSource base = new RulesetSource("b", null, Map.of("ruleset.yaml", "x\n"));
        RulesetSource ext = new RulesetSource("e", null, Map.of("ruleset.yaml", "y\n"), base);
        String bytes = "huzhu-ruleset-hash-1\0" + "1\0ruleset.yaml\0" + "2\0x\n" + "1\0ruleset.yaml\0" + "2\0y\n";
        assertThat(ext.contentHash()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(bytes.getBytes(StandardCharsets.UTF_8))));
        // The same files with the boundary moved are another chain, and hash differently.
        RulesetSource moved = new RulesetSource("e", null, Map.of("ruleset.yaml", "y\n", "parameters.yaml", "x\n"));
        assertThat(moved.contentHash()).isNotEqualTo(ext.contentHash());
    }

    @Test
    void aReformHashesAsTheLastOfItsChainItsTextUnderReformYamlAndItsRuleFiles() throws Exception {
        RulesetSource base = new RulesetSource("b", null, Map.of("ruleset.yaml", "x\n"));
        String text = "name: r\r\nbase: b@1\ndescription: d\nrules: [rules/a.drl]\n";
        write(dir.resolve("reforms"), Map.of("my-reform.yaml", text, "rules/a.drl", "rule\n"));
        RulesetSource reform = ReformFile.read(dir.resolve("reforms/my-reform.yaml")).source(base);
        // The base's one file, then the reform's two by path ("reform.yaml" before "rules/a.drl": 'e' < 'u'), its
        // text with LF line endings, whatever the reform file is called.
        String canonical = "name: r\nbase: b@1\ndescription: d\nrules: [rules/a.drl]\n";
        String bytes = "huzhu-ruleset-hash-1\0" + "1\0ruleset.yaml\0" + "2\0x\n" + "2\0" + "reform.yaml\0"
                + canonical.length() + "\0" + canonical + "rules/a.drl\0" + "5\0rule\n";
        assertThat(reform.contentHash()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(bytes.getBytes(StandardCharsets.UTF_8))));
    }
}
