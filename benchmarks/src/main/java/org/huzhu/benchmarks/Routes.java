package org.huzhu.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieContainer;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderConfiguration;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.builder.conf.PropertySpecificOption;
import org.kie.internal.io.ResourceFactory;

/**
 * The two ways to turn a ruleset's DRL files into a knowledge base, both from the DRL text and both with property
 * reactivity only where asked (as the engine configures its builder), so the comparison is route against route.
 */
public enum Routes {
    /** What the engine does today: drools-mvel's KnowledgeBuilder (MVEL constraints, ECJ consequences). */
    classic {
        @Override
        public Built build(Map<String, String> drl) {
            KnowledgeBuilderConfiguration conf = KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration();
            conf.setOption(PropertySpecificOption.ALLOWED);
            KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(conf);
            drl.forEach((path, text) -> builder.add(ResourceFactory.newByteArrayResource(
                    text.getBytes(StandardCharsets.UTF_8)).setSourcePath(path), ResourceType.DRL));
            if (builder.hasErrors()) {
                List<String> messages = new ArrayList<>();
                for (KnowledgeBuilderError e : builder.getErrors()) {
                    messages.add(e.getMessage());
                }
                throw new IllegalStateException("classic compile failed: " + messages);
            }
            InternalKnowledgeBase kb = KnowledgeBaseFactory.newKnowledgeBase();
            kb.addPackages(builder.getKnowledgePackages());
            return new Built(kb, null, null);
        }
    },
    /** drools-model-compiler: DRL to Java sources, compiled in memory, loaded as a canonical KieModule. */
    execModel {
        @Override
        public Built build(Map<String, String> drl) {
            KieServices ks = KieServices.Factory.get();
            // A fresh release id per build: the KieRepository caches modules by id, which would turn the second
            // compile of a ruleset into a lookup.
            ReleaseId id = ks.newReleaseId("org.huzhu.bench", "ruleset" + BUILDS.incrementAndGet(), "1.0.0");
            KieFileSystem kfs = ks.newKieFileSystem();
            kfs.generateAndWritePomXML(id);
            // No kmodule.xml: writing one needs drools-xml-support, one more jar; the default module has one
            // knowledge base with every package. Property reactivity comes from the system property set below.
            drl.forEach((path, text) -> kfs.write("src/main/resources/" + path, text));
            KieBuilder builder = ks.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
            if (builder.getResults().hasMessages(Message.Level.ERROR)) {
                throw new IllegalStateException("exec model compile failed: " + builder.getResults().getMessages());
            }
            KieContainer container = ks.newKieContainer(id);
            KieBase kb = container.getKieBase();
            // Drop the module from the global repository so that repeated builds do not accumulate; the container
            // keeps what the knowledge base needs.
            ks.getRepository().removeKieModule(id);
            return new Built(kb, builder, container);
        }
    };

    private static final AtomicLong BUILDS = new AtomicLong();

    static {
        // The engine builds with PropertySpecificOption.ALLOWED; without a kmodule.xml the exec model's builder
        // reads the option from the system properties, so both routes compile under the same option.
        System.setProperty(PropertySpecificOption.PROPERTY_NAME, PropertySpecificOption.ALLOWED.name());
    }

    public abstract Built build(Map<String, String> drl);

    /** The knowledge base, and for the exec model the builder and container (to read its generated classes). */
    public record Built(KieBase kieBase, KieBuilder builder, KieContainer container) {
    }
}
