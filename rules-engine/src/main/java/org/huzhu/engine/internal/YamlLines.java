package org.huzhu.engine.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The line of each key in a YAML file, by JSON pointer ({@code /cases/0/histroy}), so that an error found in the
 * parsed tree can still say file:line. Built only when an error needs it: the file is read a second time. Used for
 * case files and reform files.
 */
public final class YamlLines {
    private final Map<String, Integer> lines = new HashMap<>();

    public YamlLines(String text) {
        try (JsonParser p = Yaml.mapper().getFactory().createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME) {
                    lines.putIfAbsent(p.getParsingContext().pathAsPointer().toString(),
                            p.currentTokenLocation().getLineNr());
                }
            }
        } catch (IOException e) {
            // The file parsed once already; a second failure only costs the line numbers.
        }
    }

    /** The line of the key at {@code pointer}, else of the first key under it, else 0 (unknown). */
    public int lineOf(String pointer) {
        Integer exact = lines.get(pointer);
        if (exact != null) {
            return exact;
        }
        return lines.entrySet().stream().filter(e -> e.getKey().startsWith(pointer + "/"))
                .mapToInt(Map.Entry::getValue).min().orElse(0);
    }

    /** {@code file:line} for the key at {@code pointer}, or {@code file} when the line is unknown. */
    public String at(String file, String pointer) {
        int line = lineOf(pointer);
        return line > 0 ? file + ":" + line : file;
    }

    /** Escapes one key for a JSON pointer. */
    public static String segment(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
