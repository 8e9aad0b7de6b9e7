package org.huzhu.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.huzhu.api.Benefit;
import org.huzhu.api.Decision;
import org.huzhu.api.EvaluationRequest;
import org.huzhu.api.EvaluationResult;
import org.huzhu.api.Language;
import org.huzhu.api.Message;
import org.huzhu.api.Rejection;
import org.huzhu.api.ReviewFlag;
import org.huzhu.api.SubsidyEngine;
import org.huzhu.api.Texts;
import org.huzhu.api.Warning;
import org.huzhu.api.json.HuzhuJson;

/**
 * Every byte the benchmark populations' decisions give, to show that a change made for speed changes none: each
 * decision of the 4,096 Wujin claims and of the mixed population (alone and batched) as JSON, then every message it
 * holds rendered in Chinese and in English. Prints the SHA-256 of it all; with a file argument, writes the text
 * there too, for a diff between two builds.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.huzhu.benchmarks.DecisionFingerprint [out.txt]</pre>
 */
public final class DecisionFingerprint {
    private DecisionFingerprint() {
    }

    public static void main(String[] args) throws IOException, NoSuchAlgorithmException {
        SubsidyEngine engine = SubsidyEngine.builder().build();
        StringBuilder out = new StringBuilder();
        List<EvaluationRequest> wujin = WujinClaims.generate(ClaimCostBenchmark.SEED, ClaimCostBenchmark.CLAIMS);
        List<EvaluationRequest> mix = MixClaims.generate(engine, ClaimCostBenchmark.CLAIMS);
        for (List<EvaluationRequest> population : List.of(wujin, mix)) {
            for (EvaluationRequest r : population) {
                write(engine, engine.evaluate(r), out);
            }
            for (EvaluationResult r : engine.evaluateAll(population)) {
                write(engine, r.decision(), out);
            }
        }
        byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
        if (args.length > 0) {
            Files.write(Path.of(args[0]), bytes);
        }
        System.out.println(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)) + "  "
                + bytes.length + " bytes, " + 2 * (wujin.size() + mix.size()) + " decisions");
    }

    private static void write(SubsidyEngine engine, Decision d, StringBuilder out) {
        out.append(HuzhuJson.write(d)).append('\n');
        Texts texts = engine.texts(d);
        for (Language language : Language.values()) {
            for (Benefit b : d.benefits()) {
                out.append(texts.kind(b.kind(), language)).append('\n');
                for (Message m : b.explanation()) {
                    out.append("  ").append(texts.render(m, language)).append('\n');
                }
            }
            for (Rejection x : d.rejections()) {
                out.append(texts.render(x.message(), language)).append('\n');
            }
            for (ReviewFlag x : d.reviewFlags()) {
                out.append(texts.render(x.message(), language)).append('\n');
            }
            for (Warning x : d.warnings()) {
                out.append(texts.render(x.message(), language)).append('\n');
            }
        }
    }
}
