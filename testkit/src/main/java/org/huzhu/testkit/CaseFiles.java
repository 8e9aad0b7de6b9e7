package org.huzhu.testkit;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.huzhu.api.AmountRange;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.HuzhuException;
import org.huzhu.api.InvalidInputException;
import org.huzhu.api.UnknownFieldException;
import org.huzhu.engine.internal.LoadingLimits;
import org.huzhu.engine.internal.ReformFile;
import org.huzhu.engine.internal.Yaml;
import org.huzhu.engine.internal.YamlLines;

/**
 * Reads case files (YAML):
 *
 * <pre>
 * ruleset: wujin@2024          # optional inside a ruleset folder: defaults to that folder's scheme@version
 * reform: ../shaoxing-70-40000.yaml   # optional: a reform file (relative to this file) every case is decided under;
 *                                     # the ruleset then defaults to the reform's base
 * member: {...}                # the default member for every case (a Member in JSON form)
 * history: {...}               # optional default history
 * cases:
 *   - name: base 999.99 → 0
 *     claim: {...}             # a Claim without member (the file's is used) and, optionally, without id
 *     history: {...}           # optional
 *     whatIf: true             # optional: a what-if under a pinned version not in force on the claim date
 *     expect:
 *       benefits: {INPATIENT_SUBSIDY: 0}
 *       rejections: [NOT_ENROLLED, in wujin]
 *       review: false          # or a list, like rejections: [AMOUNT_TO_BE_DECIDED]
 *       warnings: [outside the coverage period]   # like rejections; [] = none
 *       version: "2024"                           # the version chosen
 *       error: outside every version
 * </pre>
 *
 * <p>In {@code rejections}, a {@code review} list and {@code warnings}, a token that is a
 * {@link org.huzhu.api.ReasonCode} name matches an entry with that code; any other text must be a substring of one's
 * message.
 *
 * <p>Unknown keys anywhere are errors naming the key and file:line: a misspelt {@code histroy:} must not leave a case
 * silently testing something else.
 */
public final class CaseFiles {
    private static final List<String> FILE_KEYS = List.of("ruleset", "reform", "member", "history", "cases");
    private static final List<String> CASE_KEYS = List.of("name", "ruleset", "member", "claim", "history", "whatIf",
            "expect");
    private static final List<String> EXPECT_KEYS = List.of("benefits", "rejections", "review", "warnings",
            "version", "error");

    private CaseFiles() {
    }

    /** Reads one case file's text. {@code defaultRuleset} is used when the file names none. */
    public static List<TestCase> read(String file, String text, String defaultRuleset) {
        return read(file, text, defaultRuleset, null);
    }

    /**
     * Reads one case file's text, found in the folder {@code folder}: a {@code reform:} it names is a path relative
     * to that folder (null: the file may name no reform). The ruleset defaults to the file's {@code ruleset:}, else
     * its reform's base, else {@code defaultRuleset}.
     *
     * @throws InvalidInputException a reform that does not exist or is not a reform file, naming the key's line
     */
    public static List<TestCase> read(String file, String text, String defaultRuleset, Path folder) {
        if (text.length() > LoadingLimits.MAX_CASE_FILE_BYTES) {
            throw new InvalidInputException(file, "is larger than the limit of "
                    + LoadingLimits.MAX_CASE_FILE_BYTES / (1024 * 1024) + " MiB");
        }
        JsonNode root = Yaml.tree(text, file);
        Lines lines = new Lines(text);
        if (!root.isObject()) {
            throw new InvalidInputException(file, "must be a map with a 'cases' list");
        }
        knownKeys(root, FILE_KEYS, "", "", file, lines);
        JsonNode casesNode = root.get("cases");
        if (casesNode == null || !casesNode.isArray()) {
            throw new InvalidInputException(file, "must have a 'cases' list");
        }
        Path reform = null;
        String reformBase = null;
        if (root.hasNonNull("reform")) {
            String at = lines.at(file, "/reform") + " reform";
            if (!root.get("reform").isTextual()) {
                throw new InvalidInputException(at, "must be the path of a reform file, relative to the case file");
            }
            if (folder == null) {
                throw new InvalidInputException(at, "a case file read without its folder cannot name a reform");
            }
            reform = folder.resolve(root.get("reform").asText()).normalize();
            try {
                reformBase = ReformFile.read(reform).base();
            } catch (HuzhuException e) {
                throw new InvalidInputException(at, "cannot be used: " + e.getMessage(), e);
            }
        }
        String ruleset = root.hasNonNull("ruleset") ? root.get("ruleset").asText()
                : reformBase != null ? reformBase : defaultRuleset;
        List<TestCase> out = new ArrayList<>();
        for (int i = 0; i < casesNode.size(); i++) {
            JsonNode c = casesNode.get(i);
            String name = c.hasNonNull("name") ? c.get("name").asText() : "case " + (i + 1);
            String pointer = "/cases/" + i;
            String where = file + " cases[" + i + "] (" + name + ")";
            TestCase.Expectation expectation;
            try {
                if (!c.isObject()) {
                    throw new InvalidInputException(lines.at(file, pointer) + " cases[" + i + "]", "must be a map");
                }
                knownKeys(c, CASE_KEYS, pointer, "cases[" + i + "].", file, lines);
                expectation = expectation(c.get("expect"), where + ".expect", pointer + "/expect",
                        "cases[" + i + "].expect.", file, lines);
            } catch (HuzhuException e) {
                out.add(new TestCase(file, name, null, e.getMessage(), null, reform));
                continue;
            }
            try {
                out.add(new TestCase(file, name, request(root, c, ruleset, name, where, pointer, file, lines), null,
                        expectation, reform));
            } catch (HuzhuException e) {
                out.add(new TestCase(file, name, null, e.getMessage(), expectation, reform));
            }
        }
        return out;
    }

    /** Reads a case file from disk: at most {@link LoadingLimits#MAX_CASE_FILE_BYTES}, strict UTF-8. */
    public static List<TestCase> read(Path file, String defaultRuleset) {
        String name = file.toString();
        try {
            long size = Files.size(file);
            if (size > LoadingLimits.MAX_CASE_FILE_BYTES) {
                throw new InvalidInputException(name, "is " + size + " bytes, more than the limit of "
                        + LoadingLimits.MAX_CASE_FILE_BYTES / (1024 * 1024) + " MiB");
            }
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
            Path folder = file.toAbsolutePath().getParent();
            return read(name, text.startsWith("\uFEFF") ? text.substring(1) : text, defaultRuleset,
                    file.getParent() != null ? file.getParent() : folder);
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(name, "is not UTF-8 text");
        } catch (IOException e) {
            throw new InvalidInputException(name, "cannot be read: " + e.getMessage());
        }
    }

    /** Refuses a key of {@code node} not in {@code known}, naming it with file:line. */
    private static void knownKeys(JsonNode node, List<String> known, String pointer, String path, String file,
                                  Lines lines) {
        Iterator<String> fields = node.fieldNames();
        while (fields.hasNext()) {
            String f = fields.next();
            if (!known.contains(f)) {
                throw unknownKey(lines.at(file, pointer + "/" + YamlLines.segment(f)), path + f, f, known);
            }
        }
    }

    private static InvalidInputException unknownKey(String at, String path, String key, Collection<?> known) {
        return new InvalidInputException(at + " " + path, "unknown key '" + key + "' (known keys: "
                + String.join(", ", known.stream().map(String::valueOf).sorted().toList()) + ")");
    }

    /** The line index, built on first use: only an error needs it. */
    private static final class Lines {
        private final String text;
        private YamlLines lines;

        Lines(String text) {
            this.text = text;
        }

        String at(String file, String pointer) {
            if (lines == null) {
                lines = new YamlLines(text);
            }
            return lines.at(file, pointer);
        }
    }

    private static EvaluationRequest request(JsonNode root, JsonNode c, String fileRuleset, String name,
                                             String where, String pointer, String file, Lines lines) {
        String ruleset = c.hasNonNull("ruleset") ? c.get("ruleset").asText() : fileRuleset;
        if (ruleset == null) {
            throw new InvalidInputException(where + ".ruleset", "is required outside a ruleset folder");
        }
        JsonNode claimNode = c.get("claim");
        if (claimNode == null || !claimNode.isObject()) {
            throw new InvalidInputException(where + ".claim", "is required");
        }
        ObjectNode claim = ((ObjectNode) claimNode).deepCopy();
        // Where each part of the request came from in the file, to put a line on a binding error.
        Map<String, String> origins = new LinkedHashMap<>();
        origins.put("/claim", pointer + "/claim");
        if (!claim.has("member")) {
            JsonNode member = c.has("member") ? c.get("member") : root.get("member");
            if (member == null) {
                throw new InvalidInputException(where + ".claim.member", "is required (or a file-level member)");
            }
            claim.set("member", member);
            origins.put("/claim/member", c.has("member") ? pointer + "/member" : "/member");
        }
        if (!claim.has("id")) {
            claim.put("id", name);
        }
        ObjectNode request = Yaml.mapper().createObjectNode();
        request.put("ruleset", ruleset);
        request.set("claim", claim);
        JsonNode history = c.has("history") ? c.get("history") : root.get("history");
        if (history != null) {
            request.set("history", history);
            origins.put("/history", c.has("history") ? pointer + "/history" : "/history");
        }
        if (c.has("whatIf")) {
            request.set("whatIf", c.get("whatIf"));
        }
        try {
            return Yaml.bind(request, EvaluationRequest.class, where);
        } catch (UnknownFieldException e) {
            // "claim.stays[0].outOfPolcy" → "/claim/stays/0/outOfPolcy", then back to the case file's line.
            StringBuilder requestPointer = new StringBuilder();
            for (String part : e.path().split("\\.")) {
                int bracket = part.indexOf('[');
                requestPointer.append('/').append(YamlLines.segment(bracket < 0 ? part : part.substring(0, bracket)));
                for (String index : bracket < 0 ? new String[0] : part.substring(bracket + 1).split("\\]\\[?")) {
                    if (!index.isEmpty()) {
                        requestPointer.append('/').append(index);
                    }
                }
            }
            throw unknownKey(lines.at(file, toFile(requestPointer.toString(), origins)),
                    where.substring(file.length() + 1) + " " + e.path(), e.name(), e.known());
        } catch (InvalidInputException e) {
            UnrecognizedPropertyException unknown = cause(e, UnrecognizedPropertyException.class);
            if (unknown == null) {
                throw e;
            }
            StringBuilder requestPointer = new StringBuilder();
            StringBuilder dotted = new StringBuilder();
            for (JsonMappingException.Reference ref : unknown.getPath()) {
                if (ref.getIndex() >= 0) {
                    requestPointer.append('/').append(ref.getIndex());
                    dotted.append('[').append(ref.getIndex()).append(']');
                } else if (ref.getFieldName() != null) {
                    requestPointer.append('/').append(YamlLines.segment(ref.getFieldName()));
                    dotted.append(dotted.length() == 0 ? "" : ".").append(ref.getFieldName());
                }
            }
            String filePointer = toFile(requestPointer.toString(), origins);
            Collection<Object> known = unknown.getKnownPropertyIds() == null ? List.of()
                    : unknown.getKnownPropertyIds();
            throw unknownKey(lines.at(file, filePointer), where.substring(file.length() + 1) + " " + dotted,
                    unknown.getPropertyName(), known);
        }
    }

    /** Maps a pointer into the bound request back to the file, through the longest matching origin. */
    private static String toFile(String requestPointer, Map<String, String> origins) {
        String best = null;
        for (String from : origins.keySet()) {
            if ((requestPointer.equals(from) || requestPointer.startsWith(from + "/"))
                    && (best == null || from.length() > best.length())) {
                best = from;
            }
        }
        return best == null ? requestPointer : origins.get(best) + requestPointer.substring(best.length());
    }

    private static <X extends Throwable> X cause(Throwable t, Class<X> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static TestCase.Expectation expectation(JsonNode e, String where, String pointer, String path,
                                                    String file, Lines lines) {
        if (e == null || !e.isObject()) {
            throw new InvalidInputException(where, "is required");
        }
        knownKeys(e, EXPECT_KEYS, pointer, path, file, lines);
        Map<String, BigDecimal> amounts = new LinkedHashMap<>();
        Map<String, AmountRange> ranges = new LinkedHashMap<>();
        JsonNode b = e.get("benefits");
        if (b != null && !b.isNull()) {
            if (!b.isObject()) {
                throw new InvalidInputException(where + ".benefits", "must map benefit kinds to amounts");
            }
            Iterator<Map.Entry<String, JsonNode>> it = b.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> kv = it.next();
                JsonNode v = kv.getValue();
                if (v.isObject()) {
                    knownKeys(v, List.of("min", "max"), pointer + "/benefits/" + YamlLines.segment(kv.getKey()),
                            path + "benefits." + kv.getKey() + ".", file, lines);
                    ranges.put(kv.getKey(), new AmountRange(decimal(v.get("min"), where + ".benefits."
                            + kv.getKey() + ".min"), decimal(v.get("max"), where + ".benefits." + kv.getKey() + ".max")));
                } else {
                    amounts.put(kv.getKey(), decimal(v, where + ".benefits." + kv.getKey()));
                }
            }
        }
        List<String> rejections = strings(e, "rejections", where);
        List<String> warnings = strings(e, "warnings", where);
        Boolean review = null;
        List<String> reviewFlags = null;
        if (e.has("review") && e.get("review").isArray()) {
            reviewFlags = strings(e, "review", where);
            review = !reviewFlags.isEmpty();
        } else if (e.has("review")) {
            if (!e.get("review").isBoolean()) {
                throw new InvalidInputException(where + ".review", "must be true or false, or a list of codes or texts");
            }
            review = e.get("review").asBoolean();
        }
        String version = scalar(e, "version", where);
        String error = scalar(e, "error", where);
        return new TestCase.Expectation(amounts, ranges, rejections, review, reviewFlags, warnings, version, error);
    }

    /** A list of substrings, or null when the key is absent (not checked). */
    private static List<String> strings(JsonNode e, String key, String where) {
        if (!e.has(key)) {
            return null;
        }
        JsonNode list = e.get(key);
        if (!list.isArray()) {
            throw new InvalidInputException(where + "." + key, "must be a list of texts ([] = none)");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode r : list) {
            if (!r.isValueNode() || r.isNull()) {
                throw new InvalidInputException(where + "." + key, "must be a list of texts ([] = none)");
            }
            out.add(r.asText());
        }
        return out;
    }

    private static String scalar(JsonNode e, String key, String where) {
        if (!e.hasNonNull(key)) {
            return null;
        }
        if (!e.get(key).isValueNode()) {
            throw new InvalidInputException(where + "." + key, "must be a text");
        }
        return e.get(key).asText();
    }

    private static BigDecimal decimal(JsonNode v, String where) {
        if (v == null || v.isNull()) {
            throw new InvalidInputException(where, "is required");
        }
        try {
            return v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText().trim());
        } catch (NumberFormatException ex) {
            throw new InvalidInputException(where, "not a number: '" + v.asText() + "'");
        }
    }
}
