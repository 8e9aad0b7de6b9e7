package org.huzhu.engine;

import java.util.List;
import java.util.Map;
import org.huzhu.api.Language;
import org.huzhu.api.Message;
import org.huzhu.api.Texts;
import org.huzhu.api.Value;
import org.huzhu.api.ruleset.Figures;

/**
 * Renders messages from the engine's bundle and a ruleset version's (its base's under its own). A key missing from
 * the bundles cannot come from a loaded ruleset (the sandbox checks every key a rule names); it is shown as the key
 * and its values rather than failing a decision already made.
 */
final class BundleTexts implements Texts {
    private final MessageBundle bundle;
    private final Map<String, org.huzhu.api.BenefitKind> kinds;

    BundleTexts(MessageBundle bundle, Map<String, org.huzhu.api.BenefitKind> kinds) {
        this.bundle = bundle;
        this.kinds = kinds;
    }

    @Override
    public String render(Message message, Language language) {
        StringBuilder out = new StringBuilder();
        render(message, language, out);
        return out.toString();
    }

    private void render(Message message, Language language, StringBuilder out) {
        MessageBundle.Template t = bundle.get(message.key());
        List<Value> values = message.values();
        if (t == null) {
            out.append(message.key());
            for (Value v : values) {
                out.append(' ');
                value(v, language, out);
            }
            return;
        }
        String text = t.in(language);
        int i = 0;
        while (i < text.length()) {
            char ch = text.charAt(i);
            int close = ch == '{' ? text.indexOf('}', i) : -1;
            if (close > i + 1 && close <= i + 3 && text.substring(i + 1, close).chars().allMatch(Character::isDigit)) {
                int n = Integer.parseInt(text.substring(i + 1, close));
                if (n < values.size()) {
                    value(values.get(n), language, out);
                } else {
                    out.append(text, i, close + 1);
                }
                i = close + 1;
            } else {
                out.append(ch);
                i++;
            }
        }
    }

    private void value(Value v, Language language, StringBuilder out) {
        if (v instanceof Value.Money m) {
            out.append(Figures.money(m.amount()));
        } else if (v instanceof Value.Rate r) {
            out.append(Figures.rate(r.rate()));
        } else if (v instanceof Value.Date d) {
            out.append(d.date());
        } else if (v instanceof Value.Count c) {
            out.append(c.number());
        } else if (v instanceof Value.Text t) {
            out.append(t.text());
        } else if (v instanceof Value.Code c) {
            MessageBundle.Template name = bundle.get(c.enumType() + "." + c.name());
            out.append(name == null ? c.name() : name.in(language));
        } else if (v instanceof Value.Period p) {
            render(Message.of("engine.period", new Value.Date(p.from()), new Value.Date(p.to())), language, out);
        } else if (v instanceof Value.StayRef s) {
            if (s.id() != null) {
                out.append(s.id());
            } else {
                render(Message.of(s.earlier() ? "engine.earlierStay" : "engine.stay", new Value.Count(s.number())),
                        language, out);
            }
        } else if (v instanceof Value.Band b) {
            String lo = Figures.money(b.from());
            String hi = b.to() == null ? "∞" : Figures.money(b.to());
            out.append(b.lowerInclusive() ? "[" + lo + ", " + hi + ")" : "(" + lo + ", " + hi + "]");
        } else if (v instanceof Value.Nested n) {
            render(n.message(), language, out);
        } else if (v instanceof Value.Steps s) {
            String join = render(Message.of("engine.join"), language);
            for (int i = 0; i < s.steps().size(); i++) {
                if (i > 0) {
                    out.append(join);
                }
                render(s.steps().get(i), language, out);
            }
        }
    }

    @Override
    public String parameter(String name, Language language) {
        StringBuilder out = new StringBuilder();
        value(new Value.Code("parameter", name), language, out);
        return out.toString();
    }

    @Override
    public String kind(String kind, Language language) {
        org.huzhu.api.BenefitKind k = kinds.get(kind);
        if (k == null) {
            return kind;
        }
        return language == Language.ZH ? k.zh() : k.en();
    }

}
