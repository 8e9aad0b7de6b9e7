package org.huzhu.engine;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.time.Year;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.huzhu.api.AccidentInjury;
import org.huzhu.api.BenefitHistory;
import org.huzhu.api.CareSetting;
import org.huzhu.api.Cause;
import org.huzhu.api.Claim;
import org.huzhu.api.CoveragePeriod;
import org.huzhu.api.Death;
import org.huzhu.api.Diagnosis;
import org.huzhu.api.Enrolment;
import org.huzhu.api.Exclusion;
import org.huzhu.api.FireLoss;
import org.huzhu.api.HospitalStay;
import org.huzhu.api.MedicalInsuranceType;
import org.huzhu.api.Member;
import org.huzhu.api.PriorPayment;
import org.huzhu.api.WorkInjury;
import org.huzhu.api.ruleset.Base;
import org.huzhu.api.ruleset.ClaimContext;
import org.huzhu.api.ruleset.Granted;
import org.huzhu.api.ruleset.Figures;
import org.huzhu.api.ruleset.Stay;

/**
 * The members a ruleset's code may reach, as (type, member) pairs: the sandbox resolves the receiver's type of every
 * call and field access and looks the pair up here. A method name alone is never enough.
 *
 * <p>What is in it: the ruleset-authoring API ({@link ClaimContext}, an interface: the engine's side is another
 * class; the per-claim facts {@link Stay}, {@link Base}, {@link Granted}; {@link Figures}); the model records' accessors and enums' constants; and a short list of members of
 * {@code BigDecimal}, {@code LocalDate}, {@code Period}, {@code Year}, {@code String} and {@code Math}. Every member's
 * parameter and result types must themselves be value types listed here, so nothing returns a {@code Class},
 * class loader, URL, path, file, thread, stream, array or reflective object. {@code BigDecimal}'s {@code multiply},
 * {@code divide}, {@code pow}, {@code scaleByPowerOfTen}, {@code setScale} and {@code movePoint*} are left out: money
 * arithmetic that can grow goes through ClaimContext's helpers, which write each step and read bounded parameters.
 */
final class MemberAllowlist {
    /** The types whose members rules may read (their code is ours or the JDK's value types). */
    static final List<Class<?>> API_TYPES = List.of(ClaimContext.class, Stay.class, Base.class, Granted.class,
            Figures.class, org.huzhu.api.Message.class, Member.class,
            Enrolment.class, Claim.class, HospitalStay.class, Diagnosis.class, WorkInjury.class, Death.class,
            Death.DeathCause.class, AccidentInjury.class, FireLoss.class, BenefitHistory.class, PriorPayment.class,
            CoveragePeriod.class, CareSetting.class, Cause.class, Exclusion.class, MedicalInsuranceType.class);

    /** Types a value may have without any member being reachable on it (they are passed on to helpers). */
    private static final Set<Class<?>> OPAQUE = Set.of(List.class, Set.class, Map.class);

    static final MemberAllowlist RULES = new MemberAllowlist();

    private final Set<Class<?>> valueTypes = new LinkedHashSet<>();
    private final Map<Class<?>, Map<String, List<Method>>> methods = new HashMap<>();
    private final Map<Class<?>, Map<String, Field>> staticFields = new HashMap<>();

    private MemberAllowlist() {
        valueTypes.addAll(List.of(int.class, long.class, boolean.class, void.class, String.class,
                BigDecimal.class, LocalDate.class, Period.class, Year.class, Integer.class, Long.class,
                Boolean.class));
        valueTypes.addAll(API_TYPES);
        valueTypes.addAll(OPAQUE);

        for (Class<?> type : API_TYPES) {
            for (Method m : type.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()
                        && signatureIsValues(m) && !unboundedArguments(m) && !uncheckedMessage(m)) {
                    add(type, m);
                }
            }
            if (type.isEnum()) {
                add(type, method(Enum.class, "name"));
                add(type, method(Enum.class, "ordinal"));
            }
            if (type.isRecord() || type.isEnum()) {
                // Values compare and print by content; the claim's context and the helpers have only identity.
                add(type, method(Object.class, "equals", Object.class));
                add(type, method(Object.class, "toString"));
            }
            for (Field f : type.getDeclaredFields()) {
                int mod = f.getModifiers();
                if (Modifier.isPublic(mod) && Modifier.isStatic(mod) && Modifier.isFinal(mod)
                        && valueTypes.contains(f.getType())) {
                    staticFields.computeIfAbsent(type, t -> new LinkedHashMap<>()).put(f.getName(), f);
                }
            }
        }

        Class<BigDecimal> bd = BigDecimal.class;
        field(bd, "ZERO");
        field(bd, "ONE");
        add(bd, method(bd, "valueOf", long.class));
        for (String name : List.of("add", "subtract", "max", "min", "compareTo")) {
            add(bd, method(bd, name, bd));
        }
        for (String name : List.of("negate", "abs", "signum", "toPlainString", "toString", "intValueExact")) {
            add(bd, method(bd, name));
        }
        add(bd, method(bd, "equals", Object.class));

        Class<LocalDate> ld = LocalDate.class;
        for (String name : List.of("isBefore", "isAfter", "isEqual", "compareTo", "until")) {
            add(ld, method(ld, name, java.time.chrono.ChronoLocalDate.class));
        }
        for (String name : List.of("plusDays", "minusDays", "plusMonths", "minusMonths", "plusYears", "minusYears")) {
            add(ld, method(ld, name, long.class));
        }
        for (String name : List.of("getYear", "getMonthValue", "getDayOfMonth", "lengthOfMonth", "lengthOfYear",
                "isLeapYear", "toString")) {
            add(ld, method(ld, name));
        }
        add(ld, method(ld, "equals", Object.class));

        Class<Period> pe = Period.class;
        add(pe, method(pe, "between", ld, ld));
        for (String name : List.of("getYears", "getMonths", "getDays", "toTotalMonths", "toString")) {
            add(pe, method(pe, name));
        }
        Class<Year> ye = Year.class;
        add(ye, method(ye, "isLeap", long.class));
        for (String name : List.of("getValue", "length", "toString")) {
            add(ye, method(ye, name));
        }

        Class<String> st = String.class;
        for (String name : List.of("isEmpty", "isBlank", "length", "toString", "strip")) {
            add(st, method(st, name));
        }
        for (String name : List.of("startsWith", "endsWith", "equalsIgnoreCase", "compareTo")) {
            add(st, method(st, name, st));
        }
        add(st, method(st, "contains", CharSequence.class));
        add(st, method(st, "equals", Object.class));
        for (Class<?> p : List.of(int.class, long.class, boolean.class, Object.class)) {
            add(st, method(st, "valueOf", p));
        }

        Class<Math> ma = Math.class;
        for (Class<?> p : List.of(int.class, long.class)) {
            add(ma, method(ma, "min", p, p));
            add(ma, method(ma, "max", p, p));
            add(ma, method(ma, "abs", p));
            add(ma, method(ma, "addExact", p, p));
            add(ma, method(ma, "subtractExact", p, p));
            add(ma, method(ma, "multiplyExact", p, p));
        }
    }

    /**
     * API members whose work grows with an int argument a rule can compute ({@code (1 + 1) * (1 + 1) * …}):
     * {@code Figures.money(x, scale)} repeats "0" scale times. Left out here as the second layer leaves them out
     * (it is blind to constraints, where such a call would otherwise run unchecked).
     */
    private static boolean unboundedArguments(Method m) {
        return m.getDeclaringClass() == Figures.class && m.getName().equals("money") && m.getParameterCount() == 2;
    }

    /**
     * {@code Message.of(key)} would make a message whose key the sandbox never saw: rules start every message with
     * {@code $c.msg("key")}, whose literal key is checked at load.
     */
    private static boolean uncheckedMessage(Method m) {
        return m.getDeclaringClass() == org.huzhu.api.Message.class && Modifier.isStatic(m.getModifiers());
    }

    private boolean signatureIsValues(Method m) {
        if (!valueTypes.contains(m.getReturnType())) {
            return false;
        }
        for (Class<?> p : m.getParameterTypes()) {
            if (!valueTypes.contains(p) && p != Object.class) {
                return false;
            }
        }
        return true;
    }

    private static Method method(Class<?> type, String name, Class<?>... params) {
        try {
            return type.getMethod(name, params);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("allowlist names a member that does not exist: " + type.getName() + "."
                    + name, e);
        }
    }

    private void field(Class<?> type, String name) {
        try {
            staticFields.computeIfAbsent(type, t -> new LinkedHashMap<>()).put(name, type.getField(name));
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(type.getName() + "." + name, e);
        }
    }

    private void add(Class<?> receiver, Method m) {
        methods.computeIfAbsent(receiver, t -> new LinkedHashMap<>())
                .computeIfAbsent(m.getName(), n -> new ArrayList<>()).add(m);
    }

    /** Whether a local variable, binding or result may have this type. */
    boolean isValueType(Class<?> type) {
        return valueTypes.contains(type);
    }

    /** Whether no member at all may be reached on values of this type. */
    boolean isOpaque(Class<?> type) {
        return OPAQUE.contains(type);
    }

    /** The allowed methods of this name on a receiver of this static type (static or not). */
    List<Method> methods(Class<?> receiver, String name) {
        return methods.getOrDefault(receiver, Map.of()).getOrDefault(name, List.of());
    }

    /** Every allowed method, by the receiver type it is called on. */
    Map<Class<?>, List<Method>> allMethods() {
        Map<Class<?>, List<Method>> all = new LinkedHashMap<>();
        methods.forEach((type, byName) -> byName.values().forEach(ms -> all.computeIfAbsent(type,
                t -> new ArrayList<>()).addAll(ms)));
        return all;
    }

    /** The allowed method names on this type, for error messages. */
    Set<String> methodNames(Class<?> receiver) {
        return methods.getOrDefault(receiver, Map.of()).keySet();
    }

    /** An allowed public static final field (enum constant, {@code BigDecimal.ZERO}), or null. */
    Field staticField(Class<?> type, String name) {
        return staticFields.getOrDefault(type, Map.of()).get(name);
    }

    /** The allowed nested types reachable by name from an allowed type ({@code Death.DeathCause}). */
    Class<?> nestedType(Class<?> type, String name) {
        for (Class<?> c : type.getDeclaredClasses()) {
            if (c.getSimpleName().equals(name) && API_TYPES.contains(c)) {
                return c;
            }
        }
        return null;
    }
}
