package org.huzhu.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.huzhu.api.InvalidInputException;
import org.huzhu.api.RulesetException;
import org.huzhu.api.RulesetRefusedException;

/**
 * A reform file: a version's figures or rules changed outside the rulesets, loaded as an extension of its base
 * (README, "Reforms"). It is read here and becomes a {@link RulesetSource} whose base is the version it names, so
 * that the extends machinery (metadata, parameters, rule files, messages, content hash) loads and checks it:
 *
 * <pre>
 * name: shaoxing-70-40000               # what decisions under it are stamped with
 * base: shaoxing@2015                   # the version it changes
 * description: pay 70% instead of 80%, at most 40,000 a year
 * appliesFrom: 2025-01-01               # optional: claims dated before it stay under the base
 * parameters:                           # overrides, each as in an extension's parameters.yaml
 *   secondReimbursementRate: {type: rate, value: 0.70, provenance: {label: assumed, why: "..."}}
 * rules: [rules/second-reimbursement.drl]   # optional: files next to this one, replacing or adding the base's
 * removeRules: [rules/old.drl]          # optional: base files left out
 * messages: {key: {zh: "…", en: "…"}}   # optional: as a messages.yaml, for the rules it brings
 * </pre>
 *
 * Its errors name the file and the line of the key at fault ({@code reform.yaml:9: parameters.yearlyCapp: ...}).
 */
public final class ReformFile {
    /** The name the reform file's text is hashed under, whatever the file is called: renaming it changes nothing. */
    public static final String FILE = "reform.yaml";
    private static final List<String> KEYS = List.of("name", "base", "description", "appliesFrom", "parameters",
            "rules", "removeRules", "messages");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern BASE = Pattern.compile("[a-z][a-z0-9-]*@[A-Za-z0-9._-]+");
    private static final Pattern RULE_PATH = Pattern.compile("rules/([A-Za-z0-9_-][A-Za-z0-9._-]*/)*"
            + "[A-Za-z0-9_-][A-Za-z0-9._-]*\\.drl");

    private final Path file;
    private final Path folder;
    private final String location;
    private final String text;
    private final YamlLines lines;
    private final String name;
    private final String base;
    private final String description;
    private final LocalDate appliesFrom;
    private final JsonNode parameters;
    private final List<String> rules;
    private final JsonNode removeRules;
    private final JsonNode messages;

    private ReformFile(Path file, String text) {
        this.file = file;
        this.folder = file.getParent() == null ? Path.of(".") : file.getParent();
        this.location = file.toString();
        this.text = text;
        this.lines = new YamlLines(text);
        JsonNode tree;
        try {
            tree = Yaml.tree(text, location);
        } catch (InvalidInputException e) {
            throw RulesetSource.asRulesetError(e);
        }
        if (!tree.isObject()) {
            throw new RulesetException(location, "must be a mapping: name, base, description, parameters, ...");
        }
        for (Iterator<String> it = tree.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new RulesetException(at("/" + YamlLines.segment(key)), "unknown key '" + key
                        + "' (known keys: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        this.name = text(tree, "name", "a short name decisions are stamped with, e.g. shaoxing-70-40000");
        if (!NAME.matcher(name).matches()) {
            throw new RulesetException(at("/name"), "name: letters, digits, '.', '_' and '-', at most 64, was '"
                    + name + "'");
        }
        this.base = text(tree, "base", "the version it changes, as scheme@version, e.g. shaoxing@2015");
        if (!BASE.matcher(base).matches()) {
            throw new RulesetException(at("/base"), "base: must name a version as scheme@version, e.g. "
                    + "shaoxing@2015, was '" + base + "'");
        }
        this.description = text(tree, "description", "what it changes and why");
        JsonNode from = tree.get("appliesFrom");
        if (from == null || from.isNull()) {
            this.appliesFrom = null;
        } else {
            try {
                this.appliesFrom = LocalDate.parse(from.asText());
            } catch (DateTimeParseException e) {
                throw new RulesetException(at("/appliesFrom"), "appliesFrom: expected a date yyyy-MM-dd, got '"
                        + from.asText() + "'");
            }
        }
        this.parameters = mapping(tree, "parameters", "must map parameter names to their overrides");
        this.messages = mapping(tree, "messages", "must map message keys to {zh, en}");
        this.rules = new ArrayList<>();
        JsonNode r = tree.get("rules");
        if (r != null && !r.isNull()) {
            if (!r.isArray()) {
                throw new RulesetException(at("/rules"), "rules: must be a list of rule files next to the reform "
                        + "file, e.g. [rules/second-reimbursement.drl]");
            }
            for (int i = 0; i < r.size(); i++) {
                String path = r.get(i).asText();
                if (!r.get(i).isTextual() || !RULE_PATH.matcher(path).matches()) {
                    throw new RulesetException(at("/rules"), "rules[" + i + "]: '" + path + "' is not a rule file "
                            + "path: rules/NAME.drl, relative to the reform file, without '..'");
                }
                if (rules.contains(path)) {
                    throw new RulesetException(at("/rules"), "rules[" + i + "]: " + path + " is listed twice");
                }
                rules.add(path);
            }
        }
        this.removeRules = tree.get("removeRules");
        if ((parameters == null || parameters.isEmpty()) && rules.isEmpty()
                && (removeRules == null || removeRules.isNull() || removeRules.isEmpty())) {
            throw new RulesetException(location, "changes nothing: give the parameters it overrides, the rules it "
                    + "replaces or adds, or the rules it removes");
        }
    }

    /**
     * Reads and checks a reform file (strict UTF-8, at most {@link LoadingLimits#MAX_PARAMETERS_BYTES}): its keys
     * and their shapes. What it changes is checked against its base when it loads ({@link #source}).
     *
     * @throws InvalidInputException the file does not exist or cannot be read
     * @throws RulesetException      it is not a reform file: malformed, an unknown key, a missing or malformed value
     */
    public static ReformFile read(Path file) {
        String where = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(where, Files.exists(file) ? "is not a file" : "does not exist");
        }
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > LoadingLimits.MAX_PARAMETERS_BYTES) {
                throw new RulesetRefusedException(where, "is " + size + " bytes, more than the limit of "
                        + LoadingLimits.bytes(LoadingLimits.MAX_PARAMETERS_BYTES));
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException(where, "cannot be read: " + e.getMessage(), e);
        }
        return new ReformFile(file, RulesetSource.decode(bytes, where));
    }

    /** Its name, e.g. {@code shaoxing-70-40000}. */
    public String name() {
        return name;
    }

    /** The version it changes, {@code scheme@version}. */
    public String base() {
        return base;
    }

    public String description() {
        return description;
    }

    /** The first claim date it decides, or null for all of the base's dates. */
    public LocalDate appliesFrom() {
        return appliesFrom;
    }

    /** The file, as it was named. */
    public Path file() {
        return file;
    }

    /** The parameter overrides (a mapping), or null. */
    public JsonNode parameters() {
        return parameters;
    }

    /** Its own messages (a mapping), or null. */
    public JsonNode messages() {
        return messages;
    }

    /** {@code file:line} of the key at {@code pointer}, or of the nearest key above it; else the file. */
    public String at(String pointer) {
        for (String p = pointer; !p.isEmpty(); p = p.substring(0, p.lastIndexOf('/'))) {
            int line = lines.lineOf(p);
            if (line > 0) {
                return location + ":" + line;
            }
        }
        return location;
    }

    /**
     * An error of a parameter override, read by the extends machinery under the source name {@code prefix}
     * ({@code prefix name.field: message}), named at the reform file's line: {@code x.yaml:9: parameters.name.field}.
     */
    public RulesetException parameterError(InvalidInputException e, String prefix) {
        String field = e.field() == null ? "" : e.field();
        String message = e.getMessage().startsWith(field + ": ") ? e.getMessage().substring(field.length() + 2)
                : e.getMessage();
        String rest = field.startsWith(prefix + " ") ? field.substring(prefix.length() + 1) : "";
        String path = "parameters" + (rest.isEmpty() ? "" : "." + rest);
        StringBuilder pointer = new StringBuilder();
        for (String part : path.split("\\.")) {
            int bracket = part.indexOf('[');
            pointer.append('/').append(YamlLines.segment(bracket < 0 ? part : part.substring(0, bracket)));
            if (bracket >= 0) {
                for (String index : part.substring(bracket + 1).split("\\]\\[?")) {
                    if (!index.isEmpty()) {
                        pointer.append('/').append(index);
                    }
                }
            }
        }
        return new RulesetException(at(pointer.toString()), path + ": " + message, e);
    }

    /**
     * The reform as a source to load: its text (hashed as {@value #FILE}) and its rule files, read from the reform
     * file's folder at the paths they take in the ruleset, on top of {@code base} (already linked).
     *
     * @throws RulesetException a rule file that is missing, outside the reform's folder, too large or not UTF-8
     */
    public RulesetSource source(RulesetSource base) {
        Map<String, String> files = new TreeMap<>();
        files.put(FILE, text);
        Path realFolder;
        try {
            realFolder = folder.toRealPath();
        } catch (IOException e) {
            throw new RulesetException(location, "its folder cannot be read: " + e.getMessage());
        }
        for (String path : rules) {
            Path p = folder.resolve(path);
            String where = folder + "/" + path;
            try {
                if (!Files.isRegularFile(p)) {
                    throw new RulesetException(at("/rules"), "rules: " + path + " does not exist (looked for "
                            + where + ": a reform's rule files lie next to it, at the path they take in the ruleset)");
                }
                if (!p.toRealPath().startsWith(realFolder)) {
                    throw new RulesetRefusedException(where, "is a symbolic link to a file outside the reform's "
                            + "folder; links may only point inside it");
                }
                long size = Files.size(p);
                if (size > LoadingLimits.MAX_DRL_BYTES) {
                    throw new RulesetRefusedException(where, "is " + size + " bytes, more than the limit of "
                            + LoadingLimits.bytes(LoadingLimits.MAX_DRL_BYTES));
                }
                files.put(path, RulesetSource.decode(Files.readAllBytes(p), where));
            } catch (IOException e) {
                throw new RulesetException(where, "cannot be read: " + e.getMessage());
            }
        }
        RulesetSource source = new RulesetSource(location, folder, files, base, this);
        RulesetSource.checkDrlLimits(folder.toString(), source.drl());
        return source;
    }

    /**
     * Its metadata as an extension of {@code baseSource}: the base's scheme and version (it decides in the base's place),
     * names that say it is a reform, the dates it decides (from {@code appliesFrom}, else the base's start, to the
     * base's end), {@code extends} the base, and its {@code removeRules}.
     *
     * @throws RulesetException {@code appliesFrom} outside the base's dates: the reform would never decide
     */
    ObjectNode metadata(RulesetSource baseSource) {
        JsonNode b = baseSource.metadataTree();
        ObjectNode out = Yaml.mapper().createObjectNode();
        out.set("scheme", b.get("scheme"));
        out.set("version", b.get("version"));
        ObjectNode names = out.putObject("name");
        names.put("zh", b.path("name").path("zh").asText() + "（改革方案 " + name + "）");
        names.put("en", b.path("name").path("en").asText() + " (reform " + name + ")");
        JsonNode effective = b.path("effective");
        LocalDate from;
        LocalDate to;
        try {
            from = LocalDate.parse(effective.path("from").asText());
            to = effective.hasNonNull("to") ? LocalDate.parse(effective.get("to").asText()) : null;
        } catch (DateTimeParseException e) {
            throw new RulesetException(baseSource.metadataLocation(), "effective: not a date: "
                    + e.getParsedString());
        }
        if (appliesFrom != null && (appliesFrom.isBefore(from) || (to != null && appliesFrom.isAfter(to)))) {
            throw new RulesetException(at("/appliesFrom"), "appliesFrom: " + appliesFrom + " is outside the dates of "
                    + base + " (" + from + ".." + (to == null ? "" : to) + "): a reform replaces its base only on "
                    + "the base's dates");
        }
        ObjectNode dates = out.putObject("effective");
        dates.put("from", (appliesFrom != null ? appliesFrom : from).toString());
        if (to != null) {
            dates.put("to", to.toString());
        }
        out.put("extends", base);
        if (removeRules != null && !removeRules.isNull()) {
            out.set("removeRules", removeRules);
        }
        return out;
    }

    private String text(JsonNode tree, String key, String what) {
        JsonNode v = tree.get(key);
        if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
            throw new RulesetException(v == null ? location : at("/" + key), key + ": is required: " + what);
        }
        return v.asText().trim();
    }

    private JsonNode mapping(JsonNode tree, String key, String what) {
        JsonNode v = tree.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw new RulesetException(at("/" + key), key + ": " + what);
        }
        return v;
    }
}
