package org.huzhu.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Type;

/**
 * The two sandbox layers keep their own allowlists, so that a hole in one is not a hole in both. They must still
 * agree on what a rule may call: a member layer 1 allows but layer 2 refuses would refuse a lawful ruleset.
 */
class LayersAgreeTest {
    @Test
    void everyMethodTheParsedCheckAllowsTheBytecodeCheckAllowsToo() {
        List<String> refused = new ArrayList<>();
        int checked = 0;
        for (var entry : MemberAllowlist.RULES.allMethods().entrySet()) {
            String owner = Type.getInternalName(entry.getKey());
            for (Method m : entry.getValue()) {
                checked++;
                if (!BytecodeVerifier.allowsCall(owner, m.getName(), Type.getMethodDescriptor(m))) {
                    refused.add(owner + "." + m.getName() + Type.getMethodDescriptor(m));
                }
            }
        }
        assertThat(checked).isGreaterThan(150);
        assertThat(refused).isEmpty();
    }
}
