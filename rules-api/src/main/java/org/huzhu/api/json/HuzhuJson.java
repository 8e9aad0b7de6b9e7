package org.huzhu.api.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.huzhu.api.InvalidInputException;

/**
 * JSON binding for every model type. Field names are the record components' names; dates are ISO
 * {@code yyyy-MM-dd}; amounts are JSON numbers or strings read as exact decimals; unknown fields are errors (a
 * misspelt field must not silently become a zero); nulls are left out of output.
 */
public final class HuzhuJson {
    private static final ObjectMapper MAPPER = configure(new ObjectMapper());

    private HuzhuJson() {
    }

    /** The shared, configured mapper (thread-safe). */
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
                String text = p.getValueAsString();
                try {
                    return text == null ? null : LocalDate.parse(text.trim());
                } catch (DateTimeParseException e) {
                    throw JsonMappingException.from(p, "not a date (yyyy-MM-dd): '" + text + "'");
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
        mapper.registerModule(dates);
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true);
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        return mapper;
    }

    /** Reads JSON text into a model type; any problem becomes an {@link InvalidInputException} naming where. */
    public static <T> T read(String json, Class<T> type, String source) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw describe(e, source);
        }
    }

    public static <T> T read(Reader json, Class<T> type, String source) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw describe(e, source);
        }
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
     * Turns a Jackson failure into a message naming the source, line, column and field path, with the model's
     * own message when a record's check refused a value.
     */
    public static InvalidInputException describe(IOException e, String source) {
        String path = "";
        String location = source == null ? "" : source;
        if (e instanceof JsonProcessingException jpe) {
            JsonLocation loc = jpe.getLocation();
            if (loc != null && loc.getLineNr() > 0) {
                location = location + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
            }
        }
        if (e instanceof JsonMappingException jme) {
            path = pathOf(jme);
        }
        InvalidInputException modelError = findCause(e, InvalidInputException.class);
        String message;
        if (modelError != null) {
            String field = modelError.field();
            String own = modelError.getMessage();
            if (field != null && !field.isEmpty() && own.startsWith(field + ": ")) {
                own = own.substring(field.length() + 2);
            }
            String leaf = field == null ? "" : field;
            if (!path.isEmpty() && !leaf.isEmpty() && !leaf.contains(".")) {
                leaf = path + "." + leaf;
            } else if (leaf.isEmpty()) {
                leaf = path;
            }
            return new InvalidInputException(location + (leaf.isEmpty() ? "" : " " + leaf), own, e);
        }
        message = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        return new InvalidInputException(location + (path.isEmpty() ? "" : " " + path), message, e);
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

    private static <X extends Throwable> X findCause(Throwable t, Class<X> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
