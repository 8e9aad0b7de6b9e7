package org.huzhu.api.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Collectors;
import org.huzhu.api.InvalidInputException;
import org.huzhu.api.UnknownFieldException;
import org.huzhu.api.Limits;

/**
 * JSON binding for every model type. Field names are the record components' names; dates are ISO
 * {@code yyyy-MM-dd}; amounts are JSON numbers or strings read as exact decimals; unknown fields are errors (a
 * misspelt field must not silently become a zero); nulls are left out of output.
 *
 * <p>Reading is strict, because a lenient reading can pay the wrong amount: a key given twice, {@code 5.5} for a
 * whole number, {@code 1} for {@code true} or for an enum's second value, and bytes that are not UTF-8 are all
 * errors. Every error names the field path and says in plain words what was expected ({@link #describe}).
 */
public final class HuzhuJson {
    private static final ObjectMapper MAPPER = configure(new ObjectMapper());
    /** Only for {@link #unknownFieldFirst}: a plain tree of the text, whatever its values. */
    private static final ObjectMapper LENIENT_TREES = new ObjectMapper();
    private static final int SHOWN_CHARS = 60;

    private HuzhuJson() {
    }

    /** The shared, configured mapper (thread-safe). */
    private static final Map<String, Class<? extends org.huzhu.api.Value>> VALUE_TYPES = Map.ofEntries(
            Map.entry("money", org.huzhu.api.Value.Money.class), Map.entry("rate", org.huzhu.api.Value.Rate.class),
            Map.entry("date", org.huzhu.api.Value.Date.class), Map.entry("integer", org.huzhu.api.Value.Count.class),
            Map.entry("text", org.huzhu.api.Value.Text.class), Map.entry("code", org.huzhu.api.Value.Code.class),
            Map.entry("period", org.huzhu.api.Value.Period.class),
            Map.entry("stay", org.huzhu.api.Value.StayRef.class), Map.entry("band", org.huzhu.api.Value.Band.class),
            Map.entry("message", org.huzhu.api.Value.Nested.class),
            Map.entry("steps", org.huzhu.api.Value.Steps.class));

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Applies Huzhu's settings to any Jackson mapper (JSON or YAML). */
    public static <M extends ObjectMapper> M configure(M mapper) {
        SimpleModule dates = new SimpleModule("huzhu-dates");
        dates.addSerializer(LocalDate.class, new JsonSerializer<>() {
            @Override
            public void serialize(LocalDate value, JsonGenerator gen, SerializerProvider serializers)
                    throws IOException {
                gen.writeString(value.toString());
            }
        });
        dates.addDeserializer(LocalDate.class, new JsonDeserializer<>() {
            @Override
            public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (!p.hasToken(JsonToken.VALUE_STRING)) {
                    return (LocalDate) ctxt.handleUnexpectedToken(LocalDate.class, p);
                }
                String text = p.getText();
                LocalDate plain = isoDate(text);
                if (plain != null) {
                    return plain;
                }
                try {
                    return LocalDate.parse(text.trim());
                } catch (DateTimeParseException e) {
                    return (LocalDate) ctxt.handleWeirdStringValue(LocalDate.class, text, "not a date");
                }
            }
        });
        dates.addSerializer(BigDecimal.class, new JsonSerializer<>() {
            @Override
            public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider serializers)
                    throws IOException {
                gen.writeNumber(value.toPlainString());
            }
        });
        // A message's values carry their type, so a reader knows 0.34 is a rate and 3400 an amount.
        dates.addSerializer(org.huzhu.api.Value.class, new JsonSerializer<>() {
            @Override
            public void serialize(org.huzhu.api.Value value, JsonGenerator gen, SerializerProvider serializers)
                    throws IOException {
                gen.writeStartObject();
                gen.writeStringField("type", value.type());
                for (java.lang.reflect.RecordComponent c : value.getClass().getRecordComponents()) {
                    try {
                        Object v = c.getAccessor().invoke(value);
                        if (v != null) {
                            gen.writeFieldName(c.getName());
                            serializers.defaultSerializeValue(v, gen);
                        }
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }
                gen.writeEndObject();
            }
        });
        dates.addDeserializer(org.huzhu.api.Value.class, new JsonDeserializer<>() {
            @Override
            public org.huzhu.api.Value deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                com.fasterxml.jackson.databind.node.ObjectNode node = (com.fasterxml.jackson.databind.node.ObjectNode) ctxt.readTree(p);
                String type = node.path("type").asText();
                Class<? extends org.huzhu.api.Value> c = VALUE_TYPES.get(type);
                if (c == null) {
                    return (org.huzhu.api.Value) ctxt.handleWeirdStringValue(org.huzhu.api.Value.class, type,
                            "not a value type (" + String.join(", ", VALUE_TYPES.keySet()) + ")");
                }
                node.remove("type");
                return ctxt.readTreeAsValue(node, c);
            }
        });
        mapper.registerModule(dates);
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        // A key given twice would otherwise keep the last value silently, in objects and in trees.
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        // 5.5 days or grade 5.5 is a mistake, not 5.
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        // 1 is not an enum's second value, nor true.
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.addHandler(new PlainWords());
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true);
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        // Decimals in trees too are written plain (10000.00, never 1.000000E+4): the same bytes on every machine.
        mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        return mapper;
    }

    /**
     * A date written exactly {@code yyyy-MM-dd} (what every writer of the model writes), read without
     * {@link LocalDate#parse}'s general formatter, which was a quarter of reading a population's request; null for
     * anything else (spaces, other year widths, a day the month lacks), which {@code LocalDate.parse} then reads or
     * refuses as before.
     */
    static LocalDate isoDate(String text) {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28 && day > Month.of(month).length(Year.isLeap(year))) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }

    /** The number the ASCII digits {@code text[from, to)} write, or -1 if one is not a digit. */
    private static int digits(String text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** Reads JSON text into a model type; any problem becomes an {@link InvalidInputException} naming where. */
    public static <T> T read(String json, Class<T> type, String source) {
        String text = withoutBom(json);
        try {
            return notNull(MAPPER.readValue(text, type), source);
        } catch (JsonProcessingException e) {
            if (findCause(e, InvalidInputException.class) != null) {
                unknownFieldFirst(text, type, source);
            }
            throw describe(e, source);
        } catch (NumberFormatException | ArithmeticException e) {
            // Jackson wraps these; should one escape, it is still the input's fault, never the ruleset's.
            throw new InvalidInputException(source, "has a number out of range: " + e.getMessage(), e);
        }
    }

    /**
     * A record refused a value, but Jackson reports a record's unknown fields only after calling its constructor:
     * a misspelt {@code copay} surfaced as "coPay: is required". Look for an unknown field, which is the likelier
     * cause, and report it instead.
     */
    private static void unknownFieldFirst(String text, Class<?> type, String source) {
        JsonNode tree;
        try {
            tree = LENIENT_TREES.readTree(text); // numbers as doubles: cheap even for 1e100000000
        } catch (JsonProcessingException | RuntimeException e) {
            return; // the original error stands
        }
        checkFields(tree, type, source);
    }

    /** Reads already-decoded text to its end, as {@link #read(String, Class, String)} does; the caller closes it. */
    public static <T> T read(Reader json, Class<T> type, String source) {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        try {
            for (int n; (n = json.read(buffer)) >= 0; ) {
                text.append(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new InvalidInputException(source, "cannot be read: " + e.getMessage(), e);
        }
        return read(text.toString(), type, source);
    }

    /**
     * Reads a file's bytes, which must be UTF-8 (a leading byte-order mark is skipped); other bytes are an error
     * saying "not UTF-8 text" with the offset of the first bad byte.
     */
    public static <T> T read(byte[] json, Class<T> type, String source) {
        return read(Utf8.decode(json, source), type, source);
    }

    /** Reads a stream to its end as {@link #read(byte[], Class, String)} does; the caller closes it. */
    public static <T> T read(InputStream json, Class<T> type, String source) {
        byte[] bytes;
        try {
            bytes = json.readAllBytes();
        } catch (IOException e) {
            throw new InvalidInputException(source, "cannot be read: " + e.getMessage(), e);
        }
        return read(bytes, type, source);
    }

    /** Writes any model value as indented JSON. */
    public static String write(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Refuses a field that a model record does not have, naming its path. Binding alone would find it too late:
     * Jackson reports a record's unknown fields only after calling its constructor, so a misspelt {@code copay}
     * surfaced as "coPay: is required". Only the model's records ({@code org.huzhu.api}) are checked; they have no
     * Jackson annotations, so their components are exactly their fields.
     */
    public static void checkFields(JsonNode tree, Class<?> type, String source) {
        checkFields(tree, (Type) type, "", source == null ? "" : source);
    }

    private static void checkFields(JsonNode node, Type type, String path, String source) {
        Class<?> raw = type instanceof Class<?> c ? c
                : type instanceof ParameterizedType pt && pt.getRawType() instanceof Class<?> c ? c : null;
        if (raw == null || node == null) {
            return;
        }
        if (node.isArray() && Collection.class.isAssignableFrom(raw) && type instanceof ParameterizedType pt) {
            for (int i = 0; i < node.size(); i++) {
                checkFields(node.get(i), pt.getActualTypeArguments()[0], path + "[" + i + "]", source);
            }
        } else if (node.isObject() && raw.isRecord() && raw.getPackageName().startsWith("org.huzhu.api")) {
            Map<String, Type> fields = new HashMap<>();
            for (RecordComponent c : raw.getRecordComponents()) {
                fields.put(c.getName(), c.getGenericType());
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (!fields.containsKey(field.getKey())) {
                    throw new UnknownFieldException(source, at, field.getKey(), raw.getSimpleName(),
                            Arrays.stream(raw.getRecordComponents()).map(RecordComponent::getName).toList());
                }
                checkFields(field.getValue(), fields.get(field.getKey()), at, source);
            }
        }
    }

    private static String componentsOf(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.joining(", "));
    }

    private static String withoutBom(String text) {
        return text != null && text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static <T> T notNull(T value, String source) {
        if (value == null) {
            throw new InvalidInputException(source, "is empty (null)");
        }
        return value;
    }

    /**
     * Turns a Jackson failure into a message naming the source, line, column and field path, in plain words:
     * the model's own message when a record's check refused a value, else what was expected and what was found.
     * This is the one place Jackson's wording is translated, for JSON and YAML alike.
     */
    public static InvalidInputException describe(IOException e, String source) {
        String location = source == null ? "" : source;
        if (e instanceof JsonProcessingException jpe) {
            JsonLocation loc = jpe.getLocation();
            if (loc != null && loc.getLineNr() > 0) {
                location = location + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
            }
        }
        String path = e instanceof JsonMappingException jme ? pathOf(jme) : "";
        InvalidInputException modelError = findCause(e, InvalidInputException.class);
        if (modelError != null) {
            String field = modelError.field();
            String own = modelError.getMessage();
            if (field != null && !field.isEmpty() && own.startsWith(field + ": ")) {
                own = own.substring(field.length() + 2);
            }
            String leaf = field == null ? "" : field;
            if (!path.isEmpty() && !leaf.isEmpty() && !leaf.contains(".")) {
                leaf = path + (leaf.startsWith("[") ? "" : ".") + leaf;
            } else if (leaf.isEmpty()) {
                leaf = path;
            }
            return new InvalidInputException(join(location, leaf), own, e);
        }
        StreamReadException readError = findCause(e, StreamReadException.class);
        if (readError != null && readError.getProcessor() != null) {
            // A reader's error (a key twice, a number too long) comes while the parser stands on the value: its
            // context is the full path, deeper than the binding's.
            String at = pathOf(readError.getProcessor().getParsingContext());
            path = at.length() > path.length() ? at : path;
            if (String.valueOf(readError.getOriginalMessage()).startsWith("Duplicate field")) {
                return new InvalidInputException(join(location, path),
                        "appears twice (a key may be given only once)", e);
            }
        }
        return new InvalidInputException(join(location, path), plain(e, path), e);
    }

    private static String plain(IOException e, String path) {
        Plain own = findCause(e, Plain.class);
        if (own != null) {
            return own.getOriginalMessage();
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field (" + u.getReferringClass().getSimpleName() + " has " + fieldsOf(u) + ")";
        }
        if (e instanceof InvalidFormatException f) {
            return "expected " + expected(f.getTargetType(), lastName(path)) + ", got " + shown(f.getValue());
        }
        StreamConstraintsException limit = findCause(e, StreamConstraintsException.class);
        if (limit != null) {
            String m = limit.getOriginalMessage();
            int from = m.indexOf(", from `");
            return "exceeds a safety limit of the reader: " + (from > 0 ? m.substring(0, from) + ")" : m);
        }
        InputCoercionException coercion = findCause(e, InputCoercionException.class);
        if (coercion != null) {
            return "expected " + expected(coercion.getTargetType(), lastName(path)) + ", got a number too large for it";
        }
        if (findCause(e, NumberFormatException.class) != null || findCause(e, ArithmeticException.class) != null
                || String.valueOf(e.getMessage()).contains("Malformed numeric value")
                || String.valueOf(e.getMessage()).contains("can not be deserialized as `java.math.BigDecimal`")) {
            return "is a number out of range (its exponent is too large); expected "
                    + expected(BigDecimal.class, lastName(path));
        }
        String original = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        if (e instanceof MismatchedInputException && String.valueOf(original).startsWith("No content to map")) {
            return "is empty";
        }
        if (e instanceof StreamReadException) {
            return "is not well-formed: " + original;
        }
        return original;
    }

    /** The fields a record has, in declaration order (Jackson's set of known names has none). */
    private static String fieldsOf(UnrecognizedPropertyException u) {
        Class<?> type = u.getReferringClass();
        if (type != null && type.isRecord()) {
            return componentsOf(type);
        }
        Collection<Object> known = u.getKnownPropertyIds();
        return known == null ? "other fields"
                : known.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    private static String join(String location, String field) {
        return location.isEmpty() ? field : field.isEmpty() ? location : location + " " + field;
    }

    /** What a field of this type takes, in words a clerk can act on. */
    static String expected(Class<?> type, String field) {
        if (type == null) {
            return "a value";
        }
        if (type == BigDecimal.class || type == Double.class || type == double.class || type == Float.class
                || type == float.class) {
            String f = field == null ? "" : field.toLowerCase();
            return f.endsWith("share") || f.endsWith("rate") ? "a share between 0 and 1 such as 0.3"
                    : "an amount in yuan such as 1234.56";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == BigInteger.class) {
            return "a whole number such as 3";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == LocalDate.class) {
            return "a date yyyy-MM-dd such as 2024-03-01";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "text";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                    .collect(Collectors.joining(", "));
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list [...]";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object {...} of keys and values";
        }
        return "an object {...}";
    }

    /** What the input held instead, shortened so a long value cannot flood the message. */
    private static String got(JsonToken t, JsonParser p) throws IOException {
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case START_OBJECT, FIELD_NAME -> "an object";
            case START_ARRAY -> "a list";
            case VALUE_STRING -> shown(p.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> cut(p.getText());
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NULL -> "null";
            default -> "something else (" + t.asString() + ")";
        };
    }

    private static String shown(Object value) {
        if (value instanceof String s) {
            return "\"" + cut(s) + "\"";
        }
        if (value instanceof BigDecimal d) {
            return Limits.display(d);
        }
        return cut(String.valueOf(value));
    }

    private static String cut(String s) {
        return s.length() <= SHOWN_CHARS ? s : s.substring(0, SHOWN_CHARS) + "…";
    }

    /** The last field name in a path: {@code coPay} in {@code claim.stays[0].coPay}. */
    private static String lastName(String path) {
        String p = path.replaceAll("\\[\\d+]$", "");
        return p.substring(p.lastIndexOf('.') + 1).replaceAll("\\[\\d+]", "");
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                b.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(ref.getFieldName());
            }
        }
        return b.toString();
    }

    private static String pathOf(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                parts.push("." + c.getCurrentName());
            }
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    private static <X extends Throwable> X findCause(Throwable t, Class<X> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    /** A mismatch already worded by {@link PlainWords}, where the token found is still known. */
    private static final class Plain extends MismatchedInputException {
        private static final long serialVersionUID = 1L;

        Plain(JsonParser p, String message, JavaType type) {
            super(p, message, type);
        }
    }

    /**
     * Words Jackson's "Cannot deserialize value of type X from Object value" as "expected X, got an object" at
     * the moment the parser still knows what it found.
     */
    private static final class PlainWords extends DeserializationProblemHandler {
        @Override
        public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t,
                JsonParser p, String failureMsg) throws IOException {
            throw new Plain(p, "expected " + expected(targetType.getRawClass(), nameOf(p)) + ", got " + got(t, p),
                    targetType);
        }

        @Override
        public Object handleMissingInstantiator(DeserializationContext ctxt, Class<?> instClass,
                ValueInstantiator valueInsts, JsonParser p, String msg) throws IOException {
            throw new Plain(p, "expected " + expected(instClass, nameOf(p)) + ", got " + got(p.currentToken(), p),
                    ctxt.constructType(instClass));
        }

        private static String nameOf(JsonParser p) {
            for (JsonStreamContext c = p.getParsingContext(); c != null; c = c.getParent()) {
                if (c.getCurrentName() != null) {
                    return c.getCurrentName();
                }
            }
            return null;
        }
    }
}
