package dev.ladder.read;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ladder.model.Coded;
import dev.ladder.model.Expect;
import dev.ladder.model.Range;
import dev.ladder.model.Required;
import dev.ladder.model.Scenario;
import dev.ladder.model.Text;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * The JSON Schema (2020-12) of scenario files, derived from the model's declarations ({@link Range},
 * {@link Text}, {@link Required}, the coded enums), so it says what the reader accepts and cannot
 * drift from it. Editors use it for completion; the reader stays the judge (it also checks what a
 * schema cannot say, such as a technique that does not fit its attempt's approach).
 */
public final class ScenarioSchema {
    /** Where the schema is published, as its {@code $id}. */
    public static final String ID = "https://ladder.dev/schema/scenario.schema.json";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ScenarioSchema() {
    }

    /** The schema, as committed under {@code schema/} and served by the decision service. */
    public static ObjectNode generate() {
        ObjectNode schema = NODES.objectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", ID);
        schema.put("title", "Ladder scenario");
        schema.put("description", "Facts about an LLM application; an omitted field means unknown.");
        schema.setAll(object(Scenario.class));
        return schema;
    }

    private static ObjectNode object(Class<?> type) {
        ObjectNode node = NODES.objectNode();
        node.put("type", "object");
        ObjectNode properties = node.putObject("properties");
        ArrayNode required = NODES.arrayNode();
        for (Field field : type.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) || Modifier.isTransient(field.getModifiers())) {
                continue;
            }
            properties.set(field.getName(), value(field.getType(), field.getGenericType(), field, type == Expect.class));
            if (field.getAnnotation(Required.class) != null) {
                required.add(field.getName());
            }
        }
        if (!required.isEmpty()) {
            node.set("required", required);
        }
        node.put("additionalProperties", false);
        return node;
    }

    private static ObjectNode value(Class<?> type, Type generic, Field field, boolean byName) {
        ObjectNode node = NODES.objectNode();
        if (type == Long.class || type == Double.class) {
            node.put("type", type == Long.class ? "integer" : "number");
            Range range = field == null ? null : field.getAnnotation(Range.class);
            if (range != null && !Double.isInfinite(range.min())) {
                number(node, range.minExclusive() ? "exclusiveMinimum" : "minimum", range.min(), type);
            }
            if (range != null && !Double.isInfinite(range.max())) {
                number(node, "maximum", range.max(), type);
            }
        } else if (type == Boolean.class) {
            node.put("type", "boolean");
        } else if (type == String.class) {
            node.put("type", "string");
            Text text = field == null ? null : field.getAnnotation(Text.class);
            if (text != null) {
                if (text.minLength() > 0) {
                    node.put("minLength", text.minLength());
                }
                node.put("maxLength", text.maxLength());
                if (!text.pattern().isEmpty()) {
                    node.put("pattern", "^(?:" + text.pattern() + ")$");
                }
            }
        } else if (type.isEnum() && Coded.class.isAssignableFrom(type)) {
            node.put("type", "string");
            ArrayNode values = node.putArray("enum");
            for (Object constant : type.getEnumConstants()) {
                Coded coded = (Coded) constant;
                if (byName) {
                    values.add(((Enum<?>) constant).name());
                } else if (coded.acceptedInScenarios()) {
                    values.add(coded.code());
                }
            }
        } else if (java.util.List.class.isAssignableFrom(type)) {
            node.put("type", "array");
            Class<?> element = (Class<?>) ((ParameterizedType) generic).getActualTypeArguments()[0];
            node.set("items", value(element, element, null, byName));
        } else {
            return object(type);
        }
        return node;
    }

    private static void number(ObjectNode node, String name, double value, Class<?> type) {
        if (type == Long.class || value == Math.rint(value)) {
            node.put(name, (long) value);
        } else {
            node.put(name, value);
        }
    }
}
