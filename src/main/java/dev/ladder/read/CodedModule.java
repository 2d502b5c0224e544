package dev.ladder.read;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.ladder.model.Allowed;
import dev.ladder.model.Attempt;
import dev.ladder.model.Coded;
import dev.ladder.model.Expect;
import dev.ladder.model.Range;
import dev.ladder.model.Required;
import dev.ladder.model.Text;

import java.io.IOException;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Teaches Jackson the scenario format's own rules: enums spelled {@code exact-voice}, numeric
 * ranges from {@link Range}, text limits from {@link Text}. Violations are reported at the
 * offending value's location with what is allowed.
 */
final class CodedModule {
    private CodedModule() {
    }

    static SimpleModule forReading() {
        SimpleModule module = new SimpleModule("ladder-reading");
        module.setDeserializerModifier(new Modifier());
        return module;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static SimpleModule forWriting() {
        SimpleModule module = new SimpleModule("ladder-writing");
        module.addSerializer(new StdSerializer<Coded>(Coded.class) {
            @Override
            public void serialize(Coded value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.code());
            }
        });
        return module;
    }

    private static final class Modifier extends BeanDeserializerModifier {
        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                          BeanDescription beanDesc, JsonDeserializer<?> deserializer) {
            if (Coded.class.isAssignableFrom(type.getRawClass())) {
                return new CodedDeserializer(type.getRawClass(), false);
            }
            return deserializer;
        }

        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription beanDesc,
                                                      JsonDeserializer<?> deserializer) {
            List<String> required = Arrays.stream(beanDesc.getBeanClass().getDeclaredFields())
                    .filter(f -> f.getAnnotation(Required.class) != null).map(Field::getName).toList();
            boolean whole = beanDesc.getBeanClass() == Attempt.class;
            return required.isEmpty() && !whole ? deserializer : new RequiredFields(deserializer, required);
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription beanDesc,
                                                     BeanDeserializerBuilder builder) {
            Iterator<SettableBeanProperty> properties = builder.getProperties();
            while (properties.hasNext()) {
                SettableBeanProperty property = properties.next();
                Field field = field(beanDesc.getBeanClass(), property.getName());
                if (field == null) {
                    continue;
                }
                JsonDeserializer<?> replacement = null;
                if (beanDesc.getBeanClass() == Expect.class && field.getType().isEnum()) {
                    replacement = new CodedDeserializer(field.getType(), true);
                } else if (field.getAnnotation(Range.class) != null) {
                    replacement = new RangeDeserializer(field.getType(), field.getAnnotation(Range.class));
                } else if (field.getAnnotation(Text.class) != null) {
                    replacement = new TextDeserializer(field.getAnnotation(Text.class));
                }
                if (replacement != null) {
                    builder.addOrReplaceProperty(property.withValueDeserializer(replacement), true);
                }
            }
            return builder;
        }
    }

    /**
     * A field of an object just read that is missing, or that does not fit with the others: its
     * name, and what is wrong (null for a missing field, whose wording says what it requires).
     */
    static final class FieldProblem extends MismatchedInputException {
        final String field;
        final String problem;

        FieldProblem(JsonParser parser, Class<?> type, String field, String problem) {
            super(parser, field + ": " + (problem == null ? "missing" : problem), type);
            this.field = field;
            this.problem = problem;
        }
    }

    /** Checks, once an object is read, that its {@link Required} fields were given. */
    static final class RequiredFields extends DelegatingDeserializer {
        private final List<String> required;

        RequiredFields(JsonDeserializer<?> delegate, List<String> required) {
            super(delegate);
            this.required = required;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new RequiredFields(newDelegatee, required);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Object bean = _delegatee.deserialize(p, ctxt);
            for (String name : required) {
                Field field = field(bean.getClass(), name);
                try {
                    field.setAccessible(true);
                    if (field.get(bean) == null) {
                        throw new FieldProblem(p, bean.getClass(), name, null);
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("model fields are readable", e);
                }
            }
            if (bean instanceof Attempt attempt && attempt.techniqueProblem() != null) {
                throw new FieldProblem(p, bean.getClass(), "technique", attempt.techniqueProblem());
            }
            return bean;
        }
    }

    static Field field(Class<?> type, String name) {
        try {
            return type.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    /** Reads an enum by its scenario spelling, or by its constant name where records use that. */
    static final class CodedDeserializer<E extends Enum<E> & Coded> extends StdDeserializer<E> {
        private final Class<E> type;
        private final boolean byName;

        CodedDeserializer(Class<E> type, boolean byName) {
            super(type);
            this.type = type;
            this.byName = byName;
        }

        @Override
        public E deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return type.cast(ctxt.handleUnexpectedToken(type, p));
            }
            String text = p.getText();
            if (byName) {
                for (E constant : type.getEnumConstants()) {
                    if (constant.name().equals(text)) {
                        return constant;
                    }
                }
                String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name)
                        .collect(Collectors.joining(", "));
                throw InvalidFormatException.from(p, "'" + text + "' is not allowed (expected one of: " + allowed + ")",
                        text, type);
            }
            return Coded.parse(type, text).orElseThrow(() -> InvalidFormatException.from(p,
                    "'" + text + "' is not allowed (expected one of: " + Coded.allowed(type) + ")", text, type));
        }
    }

    /** Reads a number and checks it against the field's {@link Range}. */
    static final class RangeDeserializer extends StdDeserializer<Object> {
        private final Class<?> type;
        private final Range range;

        RangeDeserializer(Class<?> type, Range range) {
            super(type);
            this.type = type;
            this.range = range;
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            boolean integral = type == Long.class;
            JsonToken token = p.currentToken();
            if (token != JsonToken.VALUE_NUMBER_INT && (integral || token != JsonToken.VALUE_NUMBER_FLOAT)) {
                return ctxt.handleUnexpectedToken(type, p);
            }
            double value = p.getDoubleValue();
            String shown = p.getText();
            if (integral && !p.getNumberType().equals(JsonParser.NumberType.INT)
                    && !p.getNumberType().equals(JsonParser.NumberType.LONG)) {
                throw InvalidFormatException.from(p, shown + " is too large (expected " + Allowed.range(type, range) + ")",
                        shown, type);
            }
            if (!Double.isFinite(value) || value < range.min() || (range.minExclusive() && value == range.min())) {
                String what = value < 0 ? "is negative" : "is out of range";
                throw InvalidFormatException.from(p, shown + " " + what + " (expected " + Allowed.range(type, range) + ")",
                        shown, type);
            }
            if (value > range.max()) {
                throw InvalidFormatException.from(p, shown + " is out of range (expected " + Allowed.range(type, range) + ")",
                        shown, type);
            }
            return integral ? (Object) p.getLongValue() : (Object) value;
        }
    }

    /** Reads a string and checks it against the field's {@link Text} limits. */
    static final class TextDeserializer extends StdDeserializer<String> {
        private final Text text;

        TextDeserializer(Text text) {
            super(String.class);
            this.text = text;
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (String) ctxt.handleUnexpectedToken(String.class, p);
            }
            String value = p.getText();
            int characters = value.codePointCount(0, value.length());   // as JSON Schema counts them
            if (characters < text.minLength() || characters > text.maxLength()
                    || (!text.pattern().isEmpty() && !value.matches(text.pattern()))) {
                String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
                throw InvalidFormatException.from(p, "'" + shown + "' is not allowed (expected " + Allowed.text(text) + ")",
                        value, String.class);
            }
            return value;
        }
    }
}
