package dev.ladder.govern;

import dev.ladder.Advisor;
import dev.ladder.Decision;
import dev.ladder.Fixtures;
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

    private static int thirdLineStart(byte[] bytes) {
        int newlines = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' && ++newlines == 2) {
                return i + 1;
            }
        }
        throw new AssertionError("fewer than three lines");
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
        String second = log.first(e -> e.path("seq").asLong() == 2).orElseThrow().path("decisionId").asText();
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
        assertThat(cut.tail()).get().asString().contains("incomplete write");
        assertThat(repairs).singleElement().asString().contains("moved an incomplete last line");
        Path aside = Path.of(repairs.get(0).replaceAll(".* to (\\S+) before appending", "$1"));
        assertThat(Files.readAllBytes(aside)).as("the cut bytes are kept, not deleted")
                .isEqualTo(Arrays.copyOfRange(bytes, thirdLineStart(bytes), bytes.length - 300));
        assertThat(next.seq()).isEqualTo(3);
        assertThat(log.verify().intact()).isTrue();
        assertThat(log.verify().tail()).isEmpty();
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
        Advisor logging = new DecisionLog(file).logging(Fixtures.advisor());

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

    @Test
    void whenOnlyTheFinalNewlineIsMissing_thenTheLastEntryCountsAndTheNextAppendKeepsIt(@TempDir Path dir) throws Exception {
        Path file = logOfThree(dir);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 1));
        DecisionLog log = new DecisionLog(file);

        DecisionLog.Verification before = log.verify();
        List<String> repairs = new ArrayList<>();
        DecisionLog.Entry next = log.append(decision("seed004-calendar-json.yaml"), repairs::add);

        assertThat(before.intact()).isTrue();
        assertThat(before.verifiedEntries()).isEqualTo(3);
        assertThat(before.tail()).get().asString().contains("no final newline");
        assertThat(repairs).isEmpty();
        assertThat(next.seq()).isEqualTo(4);
        assertThat(log.verify().verifiedEntries()).isEqualTo(4);
        assertThat(log.verify().tail()).isEmpty();
    }

    @Test
    void whenTheFinalNewlineIsGoneAndTheLastEntryEdited_thenVerifyFailsAndAppendRefuses(@TempDir Path dir) throws Exception {
        Path file = logOfThree(dir);
        List<String> lines = lines(file);
        String edited = lines.get(2).replace("\"RAG\"", "\"PROMPTING\"");
        assertThat(edited).isNotEqualTo(lines.get(2));
        Files.writeString(file, lines.get(0) + "\n" + lines.get(1) + "\n" + edited);
        byte[] tampered = Files.readAllBytes(file);
        DecisionLog log = new DecisionLog(file);

        DecisionLog.Verification result = log.verify();
        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() ->
                log.append(decision("seed004-calendar-json.yaml"), r -> { }));

        assertThat(result.intact()).isFalse();
        assertThat(result.problem()).get().asString().startsWith("line 3 ").contains("was edited");
        assertThat(refused).hasMessageContaining("refusing to append");
        assertThat(Files.readAllBytes(file)).as("nothing removed, nothing added").isEqualTo(tampered);
    }

    @Test
    void whenTheChainIsRehashedWithoutTheKey_thenTheSignaturesGiveItAway(@TempDir Path dir) throws Exception {
        Path file = logOfThree(dir);
        List<String> lines = lines(file);
        List<String> forged = rehash(lines, 1, "\"FINE_TUNING\"", "\"PROMPTING\"", null);
        Files.write(file, forged);

        DecisionLog.Verification result = new DecisionLog(file).verify();

        assertThat(result.intact()).isFalse();
        assertThat(result.problem()).get().asString().startsWith("line 2 ").contains("signature that does not verify");
    }

    @Test
    void whenTheChainIsRewrittenWithAnotherKey_thenOnlyTheCheckpointCatchesIt(@TempDir Path dir) throws Exception {
        Path file = logOfThree(dir);
        DecisionLog.Checkpoint checkpoint = new DecisionLog(file).head(why -> { }).orElseThrow();
        LogKey attacker = LogKey.in(dir.resolve("attacker"));
        Files.write(file, rehash(lines(file), 1, "\"FINE_TUNING\"", "\"PROMPTING\"", attacker));

        DecisionLog.Verification plain = new DecisionLog(file).verify();
        DecisionLog.Verification pinned = new DecisionLog(file).verify(checkpoint);

        assertThat(plain.intact()).as("a consistent forgery passes the chain alone").isTrue();
        assertThat(plain.signers()).containsKey(LogKey.fingerprint(attacker.publicKey()));
        assertThat(pinned.intact()).isFalse();
        assertThat(pinned.problem()).get().asString().startsWith("line 1 ")
                .contains("is signed by key " + LogKey.fingerprint(attacker.publicKey()) + ", not the checkpoint's key");
    }

    @Test
    void whenTheLogIsTruncatedOrEmptied_thenTheCheckpointFails(@TempDir Path dir) throws Exception {
        Path file = logOfThree(dir);
        DecisionLog.Checkpoint checkpoint = new DecisionLog(file).head(why -> { }).orElseThrow();
        List<String> lines = lines(file);

        Files.write(file, lines.subList(0, 2));
        DecisionLog.Verification truncated = new DecisionLog(file).verify(checkpoint);
        Files.write(file, new byte[0]);
        DecisionLog.Verification emptied = new DecisionLog(file).verify(checkpoint);

        assertThat(truncated.problem()).get().asString().contains("the log has 2 entries but the checkpoint covers 3");
        assertThat(emptied.problem()).get().asString().contains("the log has 0 entries but the checkpoint covers 3");
        assertThat(new DecisionLog(file).verify().intact()).as("without the checkpoint, an empty log is intact").isTrue();
    }

    @Test
    void whenTheLogGrowsAfterTheCheckpoint_thenItStillExtendsIt(@TempDir Path dir) throws Exception {
        Path file = logOfThree(dir);
        DecisionLog log = new DecisionLog(file);
        DecisionLog.Checkpoint checkpoint = log.head(why -> { }).orElseThrow();
        log.append(decision("seed004-calendar-json.yaml"), r -> { });

        DecisionLog.Verification result = log.verify(checkpoint);

        assertThat(result.intact()).as(result.problem().orElse("")).isTrue();
        assertThat(result.verifiedEntries()).isEqualTo(4);
        assertThat(checkpoint.entries()).isEqualTo(3);
    }

    @Test
    void whenTheHeadEntryIsReplacedByAnotherSignedOne_thenTheCheckpointFails(@TempDir Path dir) throws Exception {
        Path file = logOfThree(dir);
        DecisionLog log = new DecisionLog(file);
        DecisionLog.Checkpoint checkpoint = log.head(why -> { }).orElseThrow();
        List<String> lines = lines(file);
        Files.write(file, lines.subList(0, 2));
        log.append(decision("seed004-calendar-json.yaml"), r -> { });

        DecisionLog.Verification result = log.verify(checkpoint);

        assertThat(result.problem()).get().asString().startsWith("line 3 ")
                .contains("is not the entry the checkpoint ends on");
    }

    @Test
    void whenTheCheckpointIsEdited_thenItIsRefused(@TempDir Path dir) throws Exception {
        Path file = logOfThree(dir);
        DecisionLog.Checkpoint checkpoint = new DecisionLog(file).head(why -> { }).orElseThrow();
        DecisionLog.Checkpoint fewer = new DecisionLog.Checkpoint(1, checkpoint.headSha256(), checkpoint.publicKey(),
                checkpoint.signature());

        assertThat(new DecisionLog(file).verify(fewer).problem()).get().asString()
                .contains("the checkpoint is not signed by the key it names");
        assertThat(DecisionLog.Checkpoint.parse(checkpoint.toJson().getBytes(StandardCharsets.UTF_8)))
                .contains(checkpoint);
    }

    @Test
    void whenALineIsLongerThanAnyEntry_thenVerifySaysSoWithoutHoldingIt(@TempDir Path dir) throws Exception {
        Path file = logOfThree(dir);
        byte[] huge = new byte[DecisionLog.MAX_LINE_BYTES + 10];
        Arrays.fill(huge, (byte) 'x');
        Files.write(file, huge, java.nio.file.StandardOpenOption.APPEND);
        Files.write(file, new byte[]{'\n'}, java.nio.file.StandardOpenOption.APPEND);

        DecisionLog.Verification result = new DecisionLog(file).verify();

        assertThat(result.verifiedEntries()).isEqualTo(3);
        assertThat(result.problem()).get().asString().startsWith("line 4 ").contains("longer than 16 MiB");
    }

    @Test
    void whenTheLogIsLargerThanTheHeap_thenVerifyStreamsIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("big.jsonl");
        LogKey key = LogKey.in(dir.resolve("key"));
        var record = com.fasterxml.jackson.databind.json.JsonMapper.builder().build()
                .readTree(dev.ladder.report.DecisionJson.mapper().writeValueAsString(decision("seed003-q2-drug-interactions.json")));
        // large entries keep the signing quick; the file is still over twice the child's heap
        ((com.fasterxml.jackson.databind.node.ObjectNode) record).put("notes", "n".repeat(1 << 18));
        long bytes = 0;
        int entries = 0;
        String previous = DecisionLog.GENESIS;
        try (var out = Files.newBufferedWriter(file)) {
            while (bytes < 40L << 20) {
                entries++;
                DecisionLog.SignedLine line = DecisionLog.SignedLine.of(entries, "id-" + entries, previous, record, key);
                out.write(line.text());
                out.write('\n');
                bytes += line.text().length() + 1;
                previous = line.sha256();
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process verify = new ProcessBuilder(java, "-Xmx16m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), "dev.ladder.cli.Main", "log", "verify", file.toString())
                .redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(verify.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.size(file)).isGreaterThan(2L * (16 << 20));
        assertThat(output).contains("intact, " + entries + " entries verified");
        assertThat(verify.exitValue()).isZero();
    }

    @Test
    void whenTheSigningKeyIsNotPrivate_thenNothingIsSignedWithItOrLogged(@TempDir Path dir) throws Exception {
        Path keys = dir.resolve("keys");
        LogKey.in(keys);
        Path key = keys.resolve(LogKey.FILE_NAME);
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Path linked = Files.createDirectories(dir.resolve("linked"));
        Files.createSymbolicLink(linked.resolve(LogKey.FILE_NAME), key);

        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> LogKey.in(keys)))
                .hasMessageContaining("is not private to this user");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> LogKey.in(linked)))
                .hasMessageContaining("is not private to this user");
    }

    /**
     * The log with entry {@code index} edited and it and every later entry re-hashed and
     * re-chained; re-signed with {@code key}, or keeping the old signatures when it is null.
     */
    private static List<String> rehash(List<String> lines, int index, String from, String to, LogKey key) throws Exception {
        var mapper = com.fasterxml.jackson.databind.json.JsonMapper.builder().build();
        List<String> out = new ArrayList<>();
        String previous = DecisionLog.GENESIS;
        for (int i = 0; i < lines.size(); i++) {
            String line = i == index ? lines.get(i).replace(from, to) : lines.get(i);
            var entry = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(line);
            if (key != null) {
                DecisionLog.SignedLine signed = DecisionLog.SignedLine.of(entry.get("seq").asLong(),
                        entry.get("decisionId").asText(), previous, entry.get("record"), key);
                out.add(signed.text());
                previous = signed.sha256();
                continue;
            }
            if (i < index) {
                out.add(line);
                previous = entry.get("sha256").asText();
                continue;
            }
            String signature = entry.get("signature").asText();
            entry.remove("sha256");
            entry.remove("signature");
            entry.put("prevSha256", previous);
            String body = dev.ladder.read.StrictMapper.canonical().writeValueAsString(entry);
            String sha = DecisionLog.sha256(body.getBytes(StandardCharsets.UTF_8));
            out.add(body.substring(0, body.length() - 1) + ",\"sha256\":\"" + sha + "\",\"signature\":\"" + signature + "\"}");
            previous = sha;
        }
        return out;
    }
}
