package dev.ladder.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import java.io.IOException;

/**
 * Replaces Jackson's wording for a value of the wrong type with what the value was, so the
 * error can say {@code "many" is a string (expected an integer >= 0)}.
 */
final class TokenDescriber extends DeserializationProblemHandler {
    static final String PREFIX = "got: ";

    @Override
    public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t,
                                        JsonParser p, String failureMsg) throws IOException {
        throw MismatchedInputException.from(p, targetType, PREFIX + describe(t, p));
    }

    @Override
    public Object handleMissingInstantiator(DeserializationContext ctxt, Class<?> instClass,
                                            com.fasterxml.jackson.databind.deser.ValueInstantiator valueInsts,
                                            JsonParser p, String msg) throws IOException {
        throw MismatchedInputException.from(p, instClass, PREFIX + describe(p.currentToken(), p));
    }

    static String describe(JsonToken token, JsonParser p) throws IOException {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT, FIELD_NAME -> "an object";
            case START_ARRAY -> "a list";
            case VALUE_STRING -> "'" + clip(p.getText()) + "' is a string";
            case VALUE_NUMBER_INT -> p.getText() + " is an integer";
            case VALUE_NUMBER_FLOAT -> p.getText() + " is a decimal number";
            case VALUE_TRUE, VALUE_FALSE -> p.getText() + " is a boolean";
            case VALUE_NULL -> "null";
            default -> "an unexpected value";
        };
    }

    private static String clip(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
