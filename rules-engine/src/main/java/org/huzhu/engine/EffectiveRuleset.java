package org.huzhu.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.huzhu.api.InvalidInputException;
import org.huzhu.api.RulesetException;
import org.huzhu.api.RulesetRefusedException;
import org.huzhu.api.ruleset.Parameter;
import org.huzhu.api.ruleset.Parameters;
import org.huzhu.engine.internal.ReformFile;
import org.huzhu.engine.internal.RulesetSource;
import org.huzhu.engine.internal.Yaml;

/**
 * A version as it is loaded: for a version that extends another, its base's metadata, parameters and rule files
 * (recursively) with its own on top; for any other version, its own files. A reform is loaded the same way, as an
 * extension of its base whose metadata, parameters and messages come from its file. Nothing here compiles or checks
 * rules.
 *
 * @param metadata      the metadata in force: the version's own keys, and the {@link RulesetMetadata#INHERITED}
 *                      keys it does not give from its base
 * @param metadataTree  the same as a YAML tree, for the next extension to inherit from
 * @param parameters    the parameters in force
 * @param ordered       the same in file order: the base's first (an override keeps its place), then the ones
 *                      this version adds
 * @param parameterFrom for each parameter, the {@code scheme@version} whose file sets its value ({@code reform NAME}
 *                      for a reform's override)
 * @param ruleFiles     the rule files in force by relative path, each with the version it comes from
 * @param messages      the message templates in force: the engine's, the base's, then this version's own
 *                      {@code messages.yaml} (a key given again replaces the base's)
 * @param ownMessageKeys the keys this version's own {@code messages.yaml} defines
 */
record EffectiveRuleset(RulesetMetadata metadata, JsonNode metadataTree, Parameters parameters,
                        List<Parameter> ordered, Map<String, String> parameterFrom, Map<String, RulesetSource.RuleFile> ruleFiles,
                        MessageBundle messages, java.util.Set<String> ownMessageKeys) {

    static EffectiveRuleset of(RulesetSource source) {
        String origin = source.origin();
        ReformFile reform = source.reform();
        String metaWhere = source.metadataLocation();
        String metaText = source.files().get(RulesetSource.METADATA);
        if (metaText == null && reform == null) {
            throw new RulesetException(origin, "has no " + RulesetSource.METADATA);
        }
        // A reform's metadata is made from it and its base: the same keys an extension's ruleset.yaml gives.
        JsonNode own = reform != null ? source.metadataTree() : tree(metaText, metaWhere);
        if (!own.isObject()) {
            throw new RulesetException(metaWhere, "must be a mapping of metadata keys");
        }
        EffectiveRuleset base = null;
        if (source.base() != null) {
            try {
                base = of(source.base());
            } catch (RulesetException e) {
                // Named at the extension's file, so that a tool sorting errors by folder refuses the extension.
                String message = "extends " + source.base().rulesetId() + ", which cannot load: " + e.getMessage();
                throw e instanceof RulesetRefusedException ? new RulesetRefusedException(metaWhere, message)
                        : new RulesetException(metaWhere, message, e);
            }
        }
        ObjectNode merged = Yaml.mapper().createObjectNode();
        if (base != null) {
            for (String key : RulesetMetadata.INHERITED) {
                if (base.metadataTree.has(key)) {
                    merged.set(key, base.metadataTree.get(key));
                }
            }
        }
        merged.setAll((ObjectNode) own);
        RulesetMetadata metadata;
        try {
            metadata = Yaml.bind(merged, RulesetMetadata.class, metaWhere);
        } catch (InvalidInputException e) {
            throw RulesetSource.asRulesetError(e);
        }

        String paramWhere = origin + "/" + RulesetSource.PARAMETERS;
        String paramText = source.files().get(RulesetSource.PARAMETERS);
        Map<String, Parameter> byName = new LinkedHashMap<>();
        Map<String, String> from = new LinkedHashMap<>();
        String id = metadata.id();
        try {
            if (base == null) {
                if (paramText == null) {
                    throw new RulesetException(origin, "has no " + RulesetSource.PARAMETERS);
                }
                for (Parameter p : ParameterFile.readList(paramText, paramWhere)) {
                    byName.put(p.name(), p);
                    from.put(p.name(), id);
                }
            } else {
                // An extension that changes no figure needs no parameters.yaml.
                base.ordered.forEach(p -> byName.put(p.name(), p));
                from.putAll(base.parameterFrom);
                List<Parameter> overrides = List.of();
                if (reform != null && reform.parameters() != null) {
                    String prefix = origin + " parameters";
                    try {
                        overrides = ParameterFile.readExtension(reform.parameters(), prefix, base.parameters,
                                source.base().rulesetId());
                    } catch (InvalidInputException e) {
                        throw reform.parameterError(e, prefix);
                    }
                } else if (paramText != null) {
                    overrides = ParameterFile.readExtension(paramText, paramWhere, base.parameters,
                            source.base().rulesetId());
                }
                // What a reform sets is named as the reform's, not as the version's it shares the id with.
                String setBy = reform != null ? "reform " + reform.name() : id;
                for (Parameter p : overrides) {
                    byName.put(p.name(), p);
                    from.put(p.name(), setBy);
                }
            }
        } catch (InvalidInputException e) {
            throw RulesetSource.asRulesetError(e);
        }

        Map<String, RulesetSource.RuleFile> ruleFiles = source.effectiveRuleFiles();
        if (base != null) {
            // Each file was checked when read; together they must still fit one ruleset's limits.
            Map<String, String> drl = new TreeMap<>();
            ruleFiles.forEach((path, f) -> drl.put(path, f.text()));
            RulesetSource.checkDrlLimits(origin, drl);
        }
        String messagesText = source.files().get(RulesetSource.MESSAGES);
        MessageBundle ownMessages = reform != null ? (reform.messages() == null ? MessageBundle.empty()
                : MessageBundle.parse(reform.messages(), origin + " messages", false))
                : messagesText == null ? MessageBundle.empty()
                : MessageBundle.parse(messagesText, origin + "/" + RulesetSource.MESSAGES, false);
        MessageBundle messages = (base == null ? MessageBundle.ENGINE : base.messages).with(ownMessages);
        List<Parameter> ordered = List.copyOf(byName.values());
        return new EffectiveRuleset(metadata, merged, new Parameters(ordered), ordered,
                Collections.unmodifiableMap(from),
                Collections.unmodifiableMap(ruleFiles), messages, ownMessages.templates().keySet());
    }

    private static JsonNode tree(String text, String where) {
        try {
            return Yaml.tree(text, where);
        } catch (InvalidInputException e) {
            throw RulesetSource.asRulesetError(e);
        }
    }
}
