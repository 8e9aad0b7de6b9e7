package org.huzhu.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.huzhu.api.InvalidInputException;
import org.huzhu.api.Language;
import org.huzhu.api.RulesetException;
import org.huzhu.engine.internal.RulesetSource;
import org.huzhu.engine.internal.Yaml;

/**
 * Message templates by key, each in Chinese and English: the engine's own ({@code org/huzhu/engine/messages.yaml})
 * and a ruleset version's {@code messages.yaml} on top of its base's. Placeholders are {@code {0}}, {@code {1}}…, the
 * message's values in order; both languages of a key use exactly the same ones, so a value cannot be shown in one
 * language and lost in the other.
 */
final class MessageBundle {

    /** A template in both languages, and how many values it takes. */
    record Template(String zh, String en, int arity) {
        String in(Language language) {
            return language == Language.ZH ? zh : en;
        }
    }

    static final String FILE = RulesetSource.MESSAGES;
    /** The engine's keys; a ruleset may not define keys under this prefix. */
    static final String ENGINE_PREFIX = "engine.";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d{1,2})}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)*");

    static final MessageBundle ENGINE = engine();

    private final Map<String, Template> templates;

    private MessageBundle(Map<String, Template> templates) {
        this.templates = Collections.unmodifiableMap(templates);
    }

    static MessageBundle empty() {
        return new MessageBundle(Map.of());
    }

    Template get(String key) {
        return templates.get(key);
    }

    Map<String, Template> templates() {
        return templates;
    }

    /** This bundle with {@code other}'s keys added, replacing any of the same key (an extension's messages). */
    MessageBundle with(MessageBundle other) {
        Map<String, Template> merged = new LinkedHashMap<>(templates);
        merged.putAll(other.templates);
        return new MessageBundle(merged);
    }

    private static MessageBundle engine() {
        try (InputStream in = MessageBundle.class.getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException("the engine's " + FILE + " is missing");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "engine " + FILE, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a bundle: a mapping of key → {@code {zh, en}}. A key without both texts, a text with a placeholder the
     * other lacks, placeholders not numbered 0..n-1, or a ruleset key under {@code engine.} is an error naming the
     * file and the key.
     */
    static MessageBundle parse(String text, String where, boolean engine) {
        JsonNode root;
        try {
            root = Yaml.tree(text, where);
        } catch (InvalidInputException e) {
            throw RulesetSource.asRulesetError(e);
        }
        return parse(root, where, engine);
    }

    /** {@link #parse(String, String, boolean)} of a parsed mapping: a reform's {@code messages}. */
    static MessageBundle parse(JsonNode root, String where, boolean engine) {
        if (root == null || root.isNull() || root.isMissingNode()) {
            return empty();
        }
        if (!root.isObject()) {
            throw new RulesetException(where, "must be a mapping of message keys to {zh, en}");
        }
        Map<String, Template> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            String at = where + ": " + key;
            if (!KEY.matcher(key).matches()) {
                throw new RulesetException(at, "a message key is letters, digits, _ and dots, e.g. notListed");
            }
            if (!engine && key.startsWith(ENGINE_PREFIX)) {
                throw new RulesetException(at, "keys under 'engine.' are the engine's own");
            }
            JsonNode v = e.getValue();
            if (!v.isObject() || !v.path("zh").isTextual() || !v.path("en").isTextual() || v.size() != 2
                    || v.get("zh").asText().isBlank() || v.get("en").asText().isBlank()) {
                throw new RulesetException(at, "needs exactly {zh: \"…\", en: \"…\"}, both non-empty text");
            }
            String zh = v.get("zh").asText();
            String en = v.get("en").asText();
            TreeSet<Integer> inZh = placeholders(zh);
            TreeSet<Integer> inEn = placeholders(en);
            if (!inZh.equals(inEn)) {
                throw new RulesetException(at, "zh uses placeholders " + inZh + " but en uses " + inEn
                        + ": both languages show the same values");
            }
            int arity = inZh.isEmpty() ? 0 : inZh.last() + 1;
            if (inZh.size() != arity) {
                throw new RulesetException(at, "placeholders must be {0} to {" + (arity - 1) + "} without a gap, "
                        + "were " + inZh);
            }
            out.put(key, new Template(zh, en, arity));
        }
        return new MessageBundle(out);
    }

    static TreeSet<Integer> placeholders(String template) {
        TreeSet<Integer> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            found.add(Integer.parseInt(m.group(1)));
        }
        return found;
    }
}
