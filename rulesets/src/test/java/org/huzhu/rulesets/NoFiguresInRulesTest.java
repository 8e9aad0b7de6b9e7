package org.huzhu.rulesets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.junit.jupiter.api.Test;

/**
 * No rule name or message states a figure that lives in the parameters: a changed parameter would leave the text
 * wrong ("34%" after the rate became 0.30). Figures are read from the parameters, and explanations print the values
 * actually used. The {@code @clause} quotes the source and keeps its figures.
 */
class NoFiguresInRulesTest {
    private static final Path ROOT = Path.of(System.getProperty("huzhu.rulesets", "."));
    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void noRuleNameOrMessageStatesAParameterFigure() throws Exception {
        List<String> found = new ArrayList<>();
        int texts = 0;
        try (Stream<Path> schemes = Files.list(ROOT)) {
            for (Path scheme : schemes.filter(Files::isDirectory)
                    .filter(p -> !Set.of("src", "target").contains(p.getFileName().toString())).sorted().toList()) {
                Set<String> figures = figuresOf(scheme);
                try (Stream<Path> drls = Files.walk(scheme)) {
                    for (Path drl : drls.filter(p -> p.toString().endsWith(".drl")
                            || p.getFileName().toString().equals("messages.yaml")).sorted().toList()) {
                        for (String text : drl.toString().endsWith(".drl") ? textsOf(drl) : messagesOf(drl)) {
                            texts++;
                            for (String figure : figures) {
                                if (Pattern.compile("(?<![\\d.,])" + Pattern.quote(figure) + "(?![\\d,]|\\.\\d)")
                                        .matcher(text).find()) {
                                    found.add(ROOT.relativize(drl) + ": \"" + text + "\" states " + figure);
                                }
                            }
                        }
                    }
                }
            }
        }
        assertThat(texts).as("rule names, string literals and messages read").isGreaterThan(400);
        assertThat(found).isEmpty();
    }

    /** The way a scheme's parameter figures would be written: 5000, 5,000, 34%, 54.5%; numbers below 10 are not. */
    private static Set<String> figuresOf(Path scheme) throws IOException {
        Set<String> figures = new LinkedHashSet<>();
        try (Stream<Path> files = Files.walk(scheme)) {
            for (Path p : files.filter(f -> f.getFileName().toString().equals("parameters.yaml")).toList()) {
                Iterator<Map.Entry<String, JsonNode>> params = YAML.readTree(p.toFile()).fields();
                while (params.hasNext()) {
                    JsonNode param = params.next().getValue();
                    boolean rate = "rate".equals(param.path("type").asText()) || "tiers".equals(param.path("type")
                            .asText());
                    collect(param.get("value"), rate, figures);
                }
            }
        }
        return figures;
    }

    private static void collect(JsonNode value, boolean rate, Set<String> figures) {
        if (value == null) {
            return;
        }
        if (value.isNumber() || value.isTextual() && value.asText().matches("-?[0-9.]+")) {
            BigDecimal n = new BigDecimal(value.asText());
            if (rate && n.compareTo(BigDecimal.ONE) < 0 && n.signum() > 0) {
                figures.add(n.movePointRight(2).stripTrailingZeros().toPlainString() + "%");
            } else if (n.compareTo(BigDecimal.TEN) >= 0) {
                String plain = n.stripTrailingZeros().toPlainString();
                figures.add(plain);
                if (n.compareTo(new BigDecimal("1000")) >= 0 && !plain.contains(".")) {
                    figures.add(String.format("%,d", n.longValueExact()));
                }
            }
        }
        value.elements().forEachRemaining(v -> collect(v, rate, figures));
        if (value.isObject()) {
            value.fields().forEachRemaining(e -> collect(e.getValue(), rate, figures));
        }
    }

    /** Both languages of every message of a messages.yaml: a message states no parameter's figure either. */
    private static List<String> messagesOf(Path yaml) throws IOException {
        List<String> texts = new ArrayList<>();
        YAML.readTree(yaml.toFile()).fields().forEachRemaining(e -> {
            texts.add(e.getValue().path("zh").asText());
            texts.add(e.getValue().path("en").asText());
        });
        return texts;
    }

    /** Rule names and the string literals of consequences: what a clerk reads besides the quoted clause. */
    private static List<String> textsOf(Path drl) throws IOException, org.drools.drl.parser.DroolsParserException {
        PackageDescr pkg = new DrlParser().parse(false, Files.readString(drl));
        List<String> texts = new ArrayList<>();
        for (RuleDescr rule : pkg.getRules()) {
            texts.add(rule.getName());
            String code = rule.getConsequence() == null ? "" : rule.getConsequence().toString();
            StaticJavaParser.parseBlock("{" + code + "\n}").findAll(StringLiteralExpr.class)
                    .forEach(s -> texts.add(s.asString()));
        }
        return texts;
    }
}
