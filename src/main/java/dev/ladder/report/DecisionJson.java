package dev.ladder.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ladder.Decision;

import java.util.List;

/** Decision records as JSON: pretty for people, one line each for JSON Lines. */
public final class DecisionJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();
    private static final ObjectWriter PRETTY = MAPPER.writer(
            new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private DecisionJson() {
    }

    /** One record, indented. */
    public static String pretty(Decision decision) {
        return write(PRETTY, decision);
    }

    /** Several records as an indented JSON array. */
    public static String pretty(List<Decision> decisions) {
        return write(PRETTY, decisions);
    }

    /** A record read back (from a log, say), indented exactly as {@link #pretty(Decision)} prints it. */
    public static String pretty(com.fasterxml.jackson.databind.JsonNode record) {
        return write(PRETTY, record);
    }

    /** One record on one line. */
    public static String line(Decision decision) {
        return write(MAPPER.writer(), decision);
    }

    /** The shared mapper, for reading records back. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static String write(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a decision record is always serialisable", e);
        }
    }
}
