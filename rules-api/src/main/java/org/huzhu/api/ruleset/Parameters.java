package org.huzhu.api.ruleset;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** A ruleset's parameters by name. Immutable once loaded. */
public final class Parameters {
    private final Map<String, Parameter> byName;
    /** Each parameter as outcomes list it, built once at load: its value text is not cheap for bands and tables. */
    private final Map<String, org.huzhu.api.ParameterUse> uses;

    public Parameters(Collection<Parameter> parameters) {
        Map<String, Parameter> map = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            map.put(p.name(), p);
        }
        this.byName = Map.copyOf(map);
        Map<String, org.huzhu.api.ParameterUse> u = new LinkedHashMap<>();
        for (Parameter p : map.values()) {
            u.put(p.name(), p.use());
        }
        this.uses = Map.copyOf(u);
    }

    /** The parameter as an outcome lists it (value text, provenance, differs from the source), or null. */
    public org.huzhu.api.ParameterUse use(String name) {
        return uses.get(name);
    }

    /** The parameter, or an error naming it and its expected type. */
    public Parameter get(String name, String type) {
        Parameter p = byName.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no parameter '" + name + "' in the ruleset's parameters");
        }
        if (!p.type().equals(type)) {
            throw new IllegalArgumentException("parameter '" + name + "' is " + p.type() + ", not " + type);
        }
        return p;
    }

    /** The parameter of that name, or null. */
    public Parameter named(String name) {
        return byName.get(name);
    }

    public boolean has(String name) {
        return byName.containsKey(name);
    }

    public Collection<Parameter> all() {
        return byName.values();
    }
}
