package dev.ladder.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bad input in {@code src/test/resources/bad-inputs} gets exactly the message in
 * {@code expected.tsv}, exit code 2, nothing on standard output and no stack trace.
 */
class BadInputCorpusTest {
    private static final Path CORPUS = Path.of("src/test/resources/bad-inputs");

    @TestFactory
    Stream<DynamicTest> whenAScenarioFileIsBad_thenOneLocatedLineAndExitTwo() throws IOException {
        return Files.readAllLines(CORPUS.resolve("expected.tsv")).stream().filter(line -> !line.isBlank())
                .map(line -> {
                    String[] parts = line.split("\t", 2);
                    Path file = CORPUS.resolve(parts[0]);
                    String expected = parts[1].replace("{file}", file.toString());
                    return DynamicTest.dynamicTest(parts[0], () -> assertRejected(Cli.run("decide", file.toString()), expected));
                });
    }

    @Test
    void whenTheCorpusIsCounted_thenItHoldsAtLeastSixtyCases() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            assertThat(files.filter(f -> !f.getFileName().toString().equals("expected.tsv")).count())
                    .isEqualTo(Files.readAllLines(CORPUS.resolve("expected.tsv")).size())
                    .isGreaterThanOrEqualTo(60);
        }
    }

    @Test
    void whenTheFileIsADirectory_thenItIsSaid(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectory(dir.resolve("scenario.json"));

        assertRejected(Cli.run("decide", folder.toString()), folder + ": is a directory (expected a scenario file)");
    }

    @Test
    void whenTheFileDoesNotExist_thenItIsSaid(@TempDir Path dir) {
        Path missing = dir.resolve("missing.yaml");

        assertRejected(Cli.run("decide", missing.toString()), missing + ": no such file");
    }

    @Test
    void whenTheFileIsHuge_thenItIsRefusedBeforeReading(@TempDir Path dir) throws IOException {
        Path huge = dir.resolve("huge.json");
        Files.writeString(huge, "{\"id\": \"x\", \"title\": \"" + "a".repeat(2 * 1024 * 1024) + "\"}");

        assertRejected(Cli.run("decide", huge.toString()),
                huge + ": is over 1048576 bytes (expected at most 1048576 bytes)");
    }

    @Test
    void whenAStringIsOverTheParserLimit_thenItIsLocatedWithTheRealLimit(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("long.json");
        Files.writeString(file, "{\"id\": \"x\",\n \"title\": \"" + "a".repeat(200_000) + "\"}");

        assertRejected(Cli.run("decide", file.toString()),
                file + ":2:11: title: a string longer than 100000 characters (expected at most 100000)");
    }

    @Test
    void whenTheFileIsADeviceOrAPipe_thenItIsRefusedWithoutReading(@TempDir Path dir) throws Exception {
        Path zero = Files.createSymbolicLink(dir.resolve("zero.json"), Path.of("/dev/zero"));
        Path fifo = dir.resolve("fifo.yaml");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();

        assertRejected(Cli.run("decide", zero.toString()),
                zero + ": is not a regular file (a device, pipe or socket; expected a scenario file)");
        assertRejected(Cli.run("decide", fifo.toString()),
                fifo + ": is not a regular file (a device, pipe or socket; expected a scenario file)");
    }

    @Test
    void whenOneFileOfABatchIsBad_thenNoDecisionIsPrintedAtAll(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "id: x\nusage:\n  requestsPerDay: -1\n");

        Cli result = Cli.run("decide", "facts/seed004-calendar-json.yaml", bad.toString(),
                "facts/seed000-exact-brand-voice.yaml");

        assertRejected(result, bad + ":3:19: usage.requestsPerDay: -1 is negative (expected an integer >= 0)");
    }

    @Test
    void whenSeveralFilesAreBad_thenEachIsReportedOnItsOwnLine(@TempDir Path dir) throws IOException {
        Path first = dir.resolve("a.json");
        Path second = dir.resolve("b.json");
        Files.writeString(first, "{\"id\": \"a\", \"task\": {\"knd\": \"code\"}}");
        Files.writeString(second, "");

        Cli result = Cli.run("decide", first.toString(), second.toString());

        assertRejected(result, first + ":1:22: task.knd: unknown field (did you mean task.kind?)"
                + System.lineSeparator() + second + ": is empty (expected a scenario object with at least an id)");
    }

    static void assertRejected(Cli result, String expectedErr) {
        assertThat(result.exit()).as(result.err()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().strip()).isEqualTo(expectedErr);
        assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
