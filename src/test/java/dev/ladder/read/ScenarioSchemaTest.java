package dev.ladder.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.ladder.LadderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The committed JSON Schema is the model's, and it agrees with the reader on every scenario we have. */
class ScenarioSchemaTest {
    private static final Path COMMITTED = Path.of("schema/scenario.schema.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(ScenarioSchema.generate());

    @Test
    void theCommittedSchemaIsTheOneTheModelGenerates() throws IOException {
        String generated = dev.ladder.report.DecisionJson.mapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(ScenarioSchema.generate()) + "\n";

        assertThat(Files.readString(COMMITTED))
                .as("schema/scenario.schema.json is stale: regenerate it from ScenarioSchema.generate()")
                .isEqualTo(generated);
    }

    static Stream<Path> facts() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("facts"))) {
            return files.filter(f -> f.toString().matches(".*\\.(json|ya?ml)")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("facts")
    void everyScenarioInFactsIsValid(Path file) throws IOException {
        Set<ValidationMessage> errors = SCHEMA.validate(tree(file));

        assertThat(errors).as(file.toString()).isEmpty();
    }

    /** Files the reader refuses for a reason a schema can express: the schema refuses them too. */
    static Stream<String> refusedByBoth() {
        return Stream.of("enum-freshness.json", "enum-model-access.json", "enum-outcome.json", "enum-unknown-style.json",
                "enum-wrong-case.json", "enum-combined-approach-attempt.json", "null-field.json", "null-group.json",
                "range-negative-budget.json", "range-negative-price.json", "range-negative-requests.json",
                "range-score-above-one.json", "range-score-negative.json", "json-top-level-list.json",
                "json-empty-object.json");
    }

    @ParameterizedTest
    @MethodSource("refusedByBoth")
    void whatTheReaderRefusesTheSchemaRefuses(String name) throws IOException {
        Path file = Path.of("src/test/resources/bad-inputs", name);

        assertThatThrownBy(() -> ScenarioReader.read(file)).isInstanceOf(LadderException.BadInput.class);
        assertThat(SCHEMA.validate(tree(file))).as(name).isNotEmpty();
    }

    @Test
    void unknownFieldsAndWrongTypesAreRefused() throws IOException {
        assertThat(SCHEMA.validate(JSON.readTree("{\"id\":\"a\",\"task\":{\"knd\":\"code\"}}"))).isNotEmpty();
        assertThat(SCHEMA.validate(JSON.readTree("{\"id\":\"a\",\"usage\":{\"requestsPerDay\":1.5}}"))).isNotEmpty();
        assertThat(SCHEMA.validate(JSON.readTree("{\"id\":\"a b\"}"))).isNotEmpty();
        assertThat(SCHEMA.validate(JSON.readTree("{\"id\":\"a\",\"expect\":{\"approach\":\"FINE_TUNING\"}}"))).isEmpty();
    }

    private static JsonNode tree(Path file) throws IOException {
        return file.toString().endsWith(".json") ? JSON.readTree(file.toFile()) : new YAMLMapper().readTree(file.toFile());
    }
}
