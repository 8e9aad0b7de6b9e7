package org.huzhu.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.huzhu.api.InvalidInputException;
import org.huzhu.api.json.HuzhuJson;
import org.huzhu.api.json.Utf8;

/**
 * The YAML mapper for ruleset metadata, parameters and case files, configured like {@link HuzhuJson}: a key given
 * twice, {@code 5.5} for a whole number and the other strict readings are errors in YAML too, worded the same.
 */
public final class Yaml {
    private static final YAMLMapper MAPPER = HuzhuJson.configure(new YAMLMapper());

    private Yaml() {
    }

    public static YAMLMapper mapper() {
        return MAPPER;
    }

    /** Parses a file's bytes, which must be UTF-8 (a BOM is skipped), as {@link #tree(String, String)} does. */
    public static JsonNode tree(byte[] bytes, String source) {
        return tree(Utf8.decode(bytes, source), source);
    }

    /** Parses YAML text into a tree; malformed YAML becomes an error naming the source and line. */
    public static JsonNode tree(String text, String source) {
        try {
            JsonNode node = MAPPER.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
            if (node == null || node.isMissingNode()) {
                throw new InvalidInputException(source, "is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw HuzhuJson.describe(e, source);
        }
    }

    /** Binds a tree to a type; failures name the source and the field path. */
    public static <T> T bind(JsonNode node, Class<T> type, String source) {
        HuzhuJson.checkFields(node, type, source);
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw HuzhuJson.describe(e, source);
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof JsonProcessingException jpe) {
                throw HuzhuJson.describe(jpe, source);
            }
            throw new InvalidInputException(source, e.getMessage());
        }
    }
}
