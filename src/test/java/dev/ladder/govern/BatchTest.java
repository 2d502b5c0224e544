package dev.ladder.govern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ladder.Fixtures;
import dev.ladder.LadderException;
import dev.ladder.Problem;
import dev.ladder.read.StrictMapper;
import dev.ladder.report.DecisionJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class BatchTest {

    /** Every facts/ scenario as one JSON line each, in name order. */
    private static List<String> factLines() throws Exception {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(Fixtures.FACTS)) {
            for (Path file : files.sorted().toList()) {
                JsonNode tree = StrictMapper.forFile(file.toString()).readTree(Files.readString(file));
                lines.add(StrictMapper.canonical().writeValueAsString(tree));
            }
        }
        return lines;
    }

    @Test
    void whenABatchRunsOnEveryCore_thenRecordsComeOutInInputOrderAndMatchSingleDecisions(@TempDir Path dir) throws Exception {
        List<String> lines = factLines();
        List<String> repeated = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            repeated.addAll(lines);
        }
        Path batch = dir.resolve("all.jsonl");
        Files.write(batch, repeated);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        Batch.Summary summary = new Batch(Fixtures.advisor(), 2).run(batch, out, Batch.OnError.FAIL, p -> { });

        List<String> records = out.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        assertThat(summary.decided()).isEqualTo(repeated.size());
        assertThat(records).hasSize(repeated.size());
        for (int i = 0; i < repeated.size(); i++) {
            JsonNode record = DecisionJson.mapper().readTree(records.get(i));
            String expectedId = StrictMapper.canonical().readTree(repeated.get(i)).path("id").asText();
            assertThat(record.path("scenario").asText()).isEqualTo(expectedId);
        }
    }

    @Test
    void whenALineIsBadAndFailIsChosen_thenNothingIsWrittenAndTheLineIsNamed(@TempDir Path dir) throws Exception {
        Path batch = dir.resolve("bad.jsonl");
        Files.write(batch, List.of("{\"id\": \"a\"}", "{\"id\": \"b\", \"data\": {\"evalSetSize\": \"ten\"}}", "{\"id\": \"c\"}"));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        LadderException.BadInput bad = catchThrowableOfType(LadderException.BadInput.class,
                () -> new Batch(Fixtures.advisor(), 2).run(batch, out, Batch.OnError.FAIL, p -> { }));

        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).isEmpty();
        assertThat(bad.problems()).singleElement().hasToString(
                batch + ":2:37: data.evalSetSize: 'ten' is a string (expected an integer >= 0)");
    }

    @Test
    void whenALineIsBadAndSkipIsChosen_thenTheRestIsDecidedAndTheLineReported(@TempDir Path dir) throws Exception {
        Path batch = dir.resolve("skip.jsonl");
        Files.write(batch, List.of("{\"id\": \"a\"}", "not json", "", "{\"id\": \"c\"}"));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        List<Problem> reported = new ArrayList<>();

        Batch.Summary summary = new Batch(Fixtures.advisor(), 2).run(batch, out, Batch.OnError.SKIP, reported::add);

        assertThat(summary.decided()).isEqualTo(2);
        assertThat(summary.skipped()).isEqualTo(1);
        assertThat(reported).singleElement().extracting(Problem::line).isEqualTo(2);
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8).lines()).hasSize(2);
    }

    @Test
    void whenOneLineIsNotUtf8OrHuge_thenOnlyThatLineIsSkipped(@TempDir Path dir) throws Exception {
        Path batch = dir.resolve("mixed.jsonl");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.write("{\"id\": \"a\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        bytes.write(new byte[] {'{', '"', 'i', 'd', '"', ':', ' ', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'});
        bytes.write(("{\"id\": \"b\", \"title\": \"" + "x".repeat(2 << 20) + "\"}\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        bytes.write("{\"id\": \"c\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Files.write(batch, bytes.toByteArray());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        List<Problem> reported = new ArrayList<>();

        Batch.Summary summary = new Batch(Fixtures.advisor(), 2).run(batch, out, Batch.OnError.SKIP, reported::add);

        assertThat(summary.decided()).isEqualTo(2);
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8).lines().map(l -> l.replaceAll(".*\"scenario\":\"([^\"]*)\".*", "$1")))
                .containsExactly("a", "c");
        assertThat(reported).extracting(Problem::line).containsExactly(2, 3);
        assertThat(reported.get(0).message()).contains("not UTF-8");
        assertThat(reported.get(1).message()).contains("longer than 1048576 bytes");
    }

    @Test
    void whenOnlyTheApproachIsAsked_thenItIsTheSameAsTheFullDecision() throws Exception {
        try (Stream<Path> files = Files.list(Fixtures.FACTS)) {
            for (Path file : files.sorted().toList()) {
                var scenario = dev.ladder.read.ScenarioReader.read(file);
                assertThat(Fixtures.advisor().recommend(scenario, file.toString()).name()).as(file.toString())
                        .isEqualTo(Fixtures.advisor().decide(scenario, file.toString()).recommendation().approach());
            }
        }
    }
}
