package dev.ladder.read;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Jackson mappers that read scenario and parameter files strictly: no unknown fields, no
 * duplicate keys, no nulls, no coercion of strings to numbers or of floats to integers,
 * bounded nesting and string length, and the ranges the model declares.
 */
public final class StrictMapper {
    /** Deeper than any valid scenario needs; guards against hostile nesting. */
    static final int MAX_NESTING_DEPTH = 32;
    static final int MAX_STRING_LENGTH = 100_000;
    static final int MAX_NUMBER_LENGTH = 50;

    private static final ObjectMapper JSON = configure(JsonMapper.builder(factory(new JsonFactory())));
    private static final ObjectMapper YAML = configure(YAMLMapper.builder(factory(new YAMLFactory())));
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(com.fasterxml.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .addModule(CodedModule.forWriting())
            .build();

    /** Scenario content only: the canonical form without the {@code expect} block, which decide ignores. */
    private static final com.fasterxml.jackson.databind.ObjectWriter CANONICAL_INPUT = CANONICAL.copy()
            .addMixIn(dev.ladder.model.Scenario.class, WithoutExpect.class)
            .writer();

    @com.fasterxml.jackson.annotation.JsonIgnoreProperties("expect")
    private abstract static class WithoutExpect {
    }

    private StrictMapper() {
    }

    /** Writes a scenario as canonical JSON without its expect block: what {@code inputSha256} is taken over. */
    public static com.fasterxml.jackson.databind.ObjectWriter canonicalInput() {
        return CANONICAL_INPUT;
    }

    /** The reading mapper for a file, by its extension: YAML for .yaml/.yml, JSON otherwise. */
    public static ObjectMapper forFile(String name) {
        return isYaml(name) ? YAML : JSON;
    }

    static boolean isYaml(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml");
    }

    /** Compact JSON with sorted keys and no nulls: the form content hashes are taken over. */
    public static ObjectMapper canonical() {
        return CANONICAL;
    }

    private static <F extends JsonFactory> F factory(F factory) {
        factory.setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .build());
        factory.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        return factory;
    }

    private static ObjectMapper configure(MapperBuilder<?, ?> builder) {
        return builder
                .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
                .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
                .configure(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, true)
                .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, false)
                .defaultSetterInfo(JsonSetter.Value.forValueNulls(Nulls.FAIL, Nulls.FAIL))
                .addModule(CodedModule.forReading())
                .addHandler(new TokenDescriber())
                .build();
    }
}
