package org.huzhu.engine.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import org.huzhu.api.InvalidInputException;
import org.huzhu.api.json.HuzhuJson;
import org.huzhu.api.json.Utf8;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The YAML mapper for ruleset metadata, parameters and case files, configured like {@link HuzhuJson} (a key given
 * twice, {@code 5.5} for a whole number and the other strict readings are errors in YAML too, worded the same),
 * with the nesting, alias and size limits of {@link LoadingLimits} (the files are written outside the team).
 */
public final class Yaml {
    private static final YAMLMapper MAPPER = HuzhuJson.configure(new YAMLMapper(limitedFactory()));

    private static YAMLFactory limitedFactory() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(LoadingLimits.MAX_YAML_ALIASES);
        options.setNestingDepthLimit(LoadingLimits.MAX_YAML_NESTING);
        options.setCodePointLimit((int) LoadingLimits.MAX_CASE_FILE_BYTES);   // the largest YAML file allowed
        return YAMLFactory.builder().loaderOptions(options)
                // SnakeYAML's own nesting check does not reach every event Jackson reads; Jackson's does.
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(LoadingLimits.MAX_YAML_NESTING).build())
                .build();
    }

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
        JsonParser parser = null;
        try {
            parser = MAPPER.createParser(text.startsWith("\uFEFF") ? text.substring(1) : text);
            JsonNode node = MAPPER.readTree(parser);
            if (node == null || node.isMissingNode()) {
                throw new InvalidInputException(source, "is empty");
            }
            return node;
        } catch (StreamConstraintsException e) {
            // The constraint error carries no location; the parser knows where it stopped.
            int line = parser == null ? 0 : parser.currentLocation().getLineNr();
            throw new InvalidInputException(line > 0 ? source + ":" + line : source, "is nested more than "
                    + LoadingLimits.MAX_YAML_NESTING + " levels deep");
        } catch (JsonProcessingException e) {
            throw HuzhuJson.describe(e, source);
        } catch (IOException e) {
            throw new InvalidInputException(source, e.getMessage());
        } catch (StackOverflowError e) {
            // Not expected within the nesting limit; a file must never end the caller's thread.
            throw new InvalidInputException(source, "is nested too deeply to read");
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
