package dev.ladder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class DecisionLogTest {

    private static Decision decision(String name) throws Exception {
        return Fixtures.advisor().decide(Fixtures.FACTS.resolve(name));
    }

    private static Path logOfThree(Path dir) throws Exception {
        Path file = dir.resolve("log.jsonl");
        DecisionLog log = new DecisionLog(file);
        for (String name : List.of("seed004-calendar-json.yaml", "seed000-exact-brand-voice.yaml",
                "seed003-q2-drug-interactions.json")) {
            log.append(decision(name), repaired -> { });
        }
        return file;
    }

    private static List<String> lines(Path file) throws Exception {
        return new ArrayList<>(Files.readAllLines(file));
    }

    @Test
    void whenDecisionsAreAppended_thenTheChainVerifiesAndEachCanBeFound(@TempDir Path dir) throws Exception {
        Path file = logOfThree(dir);
        DecisionLog log = new DecisionLog(file);

        assertThat(log.verify().intact()).isTrue();
        assertThat(log.verify().verifiedEntries()).isEqualTo(3);
        String second = log.ids().get(1);
        assertThat(log.find(second)).get().extracting(e -> e.path("record").path("scenario").asText())
                .isEqualTo("seed000-exact-brand-voice");
        assertThat(log.find(second).get().path("seq").asLong()).isEqualTo(2);
    }

    @Test
    void whenAnEntryIsEdited_thenVerifyNamesIt(@TempDir Path dir) throws Exception {
        Path file = logOfThree(dir);
        List<String> lines = lines(file);
        lines.set(1, lines.get(1).replace("\"FINE_TUNING\"", "\"PROMPTING\""));
        Files.write(file, lines);

        DecisionLog.Verification result = new DecisionLog(file).verify();

        assertThat(result.intact()).isFalse();
        assertThat(result.verifiedEntries()).isEqualTo(1);
        assertThat(result.problem()).get().asString().startsWith("line 2 (decision ").contains("was edited");
    }

    @Test
    void whenAnEntryIsRemoved_thenVerifyNamesTheGap(@TempDir Path dir) throws Exception {
        Path file = logOfThree(dir);
        List<String> lines = lines(file);
        lines.remove(1);
        Files.write(file, lines);

        assertThat(new DecisionLog(file).verify().problem()).get().asString()
                .startsWith("line 2 ").contains("has seq 3: 1 entry before it (seq 2) removed");
    }

    @Test
    void whenEntriesAreReordered_thenVerifySaysSo(@TempDir Path dir) throws Exception {
        Path file = logOfThree(dir);
        List<String> lines = lines(file);
        Files.write(file, List.of(lines.get(0), lines.get(2), lines.get(1)));

        assertThat(new DecisionLog(file).verify().problem()).get().asString()
                .startsWith("line 2 ").contains("out of order: seq 2 stands later, at line 3");
    }

    @Test
    void whenAWriteWasCutShort_thenTheLogVerifiesUpToItAndTheNextAppendRepairsIt(@TempDir Path dir) throws Exception {
        Path file = logOfThree(dir);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 300));
        DecisionLog log = new DecisionLog(file);

        DecisionLog.Verification cut = log.verify();
        List<String> repairs = new ArrayList<>();
        DecisionLog.Entry next = log.append(decision("seed004-calendar-json.yaml"), repairs::add);

        assertThat(cut.intact()).isTrue();
        assertThat(cut.verifiedEntries()).isEqualTo(2);
        assertThat(cut.incompleteTail()).get().asString().contains("incomplete write");
        assertThat(repairs).singleElement().asString().contains("removed an incomplete last entry");
        assertThat(next.seq()).isEqualTo(3);
        assertThat(log.verify().intact()).isTrue();
        assertThat(log.verify().incompleteTail()).isEmpty();
    }

    @Test
    void whenTheLastEntryIsGarbage_thenAppendRefusesClearly(@TempDir Path dir) throws Exception {
        Path file = logOfThree(dir);
        Files.writeString(file, "not json\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);

        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() ->
                new DecisionLog(file).append(decision("seed004-calendar-json.yaml"), r -> { }));

        assertThat(refused).hasMessageContaining("refusing to append");
        assertThat(lines(file)).hasSize(4);
    }

    @Test
    void whenThreadsAppendAtOnce_thenEveryEntryIsWholeAndChained(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("threads.jsonl");
        Decision decision = decision("seed004-calendar-json.yaml");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            done.add(pool.submit(() -> new DecisionLog(file).append(decision, r -> { })));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        assertThat(new DecisionLog(file).verify().verifiedEntries()).isEqualTo(40);
        assertThat(new DecisionLog(file).verify().intact()).isTrue();
    }

    @Test
    void whenProcessesAppendAtOnce_thenTheirEntriesNeverInterleave(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("processes.jsonl");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), "dev.ladder.cli.Main", "decide", "--log", file.toString()));
            for (int j = 0; j < 4; j++) {
                command.add("facts/seed004-calendar-json.yaml");
            }
            processes.add(new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        }
        for (Process process : processes) {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
        }

        DecisionLog.Verification result = new DecisionLog(file).verify();
        assertThat(result.intact()).as(result.problem().orElse("")).isTrue();
        assertThat(result.verifiedEntries()).isEqualTo(12);
    }

    @Test
    void whenTheApiLogsEveryDecision_thenTheLogGrowsWithEachCall(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("api.jsonl");
        Advisor logging = Fixtures.advisor().loggingTo(file);

        logging.decide(Fixtures.FACTS.resolve("seed004-calendar-json.yaml"));
        logging.decide(Fixtures.FACTS.resolve("seed000-exact-brand-voice.yaml"));

        assertThat(new DecisionLog(file).verify().verifiedEntries()).isEqualTo(2);
    }

    @Test
    void whenTheLogIsEmpty_thenItVerifiesAndTakesAnAppend(@TempDir Path dir) throws Exception {
        Path file = Files.createFile(dir.resolve("empty.jsonl"));
        DecisionLog log = new DecisionLog(file);

        assertThat(log.verify().intact()).isTrue();
        assertThat(log.verify().verifiedEntries()).isZero();
        assertThat(log.append(decision("seed004-calendar-json.yaml"), r -> { }).seq()).isEqualTo(1);
    }

    @Test
    void whenTheLogHoldsABlankLine_thenVerifyAndAppendBothRejectIt(@TempDir Path dir) throws Exception {
        Path file = logOfThree(dir);
        Files.writeString(file, "\n", java.nio.file.StandardOpenOption.APPEND);
        DecisionLog log = new DecisionLog(file);

        assertThat(log.verify().problem()).get().asString().startsWith("line 4 ").contains("not a log entry");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> log.append(decision("seed004-calendar-json.yaml"), r -> { })))
                .hasMessageContaining("refusing to append");
    }
}
