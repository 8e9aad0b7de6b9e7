package org.huzhu.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.huzhu.api.Decision;
import org.huzhu.api.Language;
import org.huzhu.api.Message;
import org.huzhu.api.Texts;
import org.huzhu.api.json.HuzhuJson;

/**
 * A decision as JSON for {@code evaluate --format json}: the decision's own fields, each message structured
 * ({@code key}, typed {@code values}) with its {@code text} rendered in the one language asked for ({@code lang}),
 * and each benefit kind and code with its display name. One language, so nothing is rendered twice.
 */
final class DecisionJson {
    private DecisionJson() {
    }

    static String write(Decision d, Texts texts, Language lang) {
        ObjectNode root = HuzhuJson.mapper().valueToTree(d);
        root.put("lang", lang.code());
        ArrayNode benefits = (ArrayNode) root.get("benefits");
        for (int i = 0; i < d.benefits().size(); i++) {
            ObjectNode b = (ObjectNode) benefits.get(i);
            b.put("kindName", texts.kind(d.benefits().get(i).kind(), lang));
            texts(b.get("explanation"), d.benefits().get(i).explanation(), texts, lang);
            names(b.get("parameters"), texts, lang);
        }
        for (JsonNode r : root.get("rejections")) {
            names(r.get("parameters"), texts, lang);
        }
        outcomes(root.get("rejections"), d.rejections().stream().map(r -> r.message()).toList(),
                d.rejections().stream().map(r -> r.code()).toList(), texts, lang);
        outcomes(root.get("reviewFlags"), d.reviewFlags().stream().map(r -> r.message()).toList(),
                d.reviewFlags().stream().map(r -> r.code()).toList(), texts, lang);
        outcomes(root.get("warnings"), d.warnings().stream().map(r -> r.message()).toList(),
                d.warnings().stream().map(r -> r.code()).toList(), texts, lang);
        return HuzhuJson.write(root);
    }

    private static void outcomes(JsonNode array, List<Message> messages, List<org.huzhu.api.ReasonCode> codes,
                                 Texts texts, Language lang) {
        for (int i = 0; i < messages.size(); i++) {
            ObjectNode o = (ObjectNode) array.get(i);
            o.put("codeName", texts.code(codes.get(i), lang));
            ((ObjectNode) o.get("message")).put("text", texts.render(messages.get(i), lang));
        }
    }

    /** Each parameter's display name ({@code nameText}) beside its name, as benefit kinds have {@code kindName}. */
    private static void names(JsonNode parameters, Texts texts, Language lang) {
        if (parameters != null) {
            parameters.forEach(u -> ((ObjectNode) u).put("nameText", texts.parameter(u.get("name").asText(), lang)));
        }
    }

    private static void texts(JsonNode array, List<Message> messages, Texts texts, Language lang) {
        for (int i = 0; i < messages.size(); i++) {
            ((ObjectNode) array.get(i)).put("text", texts.render(messages.get(i), lang));
        }
    }
}
