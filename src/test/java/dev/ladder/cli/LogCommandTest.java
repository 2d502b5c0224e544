package dev.ladder.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LogCommandTest {

    @Test
    void whenDecisionsAreLogged_thenVerifyPassesAndShowPrintsOne(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("decisions.jsonl");

        Cli decide = Cli.run("decide", "facts/seed004-calendar-json.yaml", "facts/seed000-exact-brand-voice.yaml",
                "--log", log.toString());
        String id = decide.err().lines().filter(l -> l.startsWith("logged seed000")).findFirst().orElseThrow()
                .replaceAll(".* as decision (\\S+) .*", "$1");
        Cli verify = Cli.run("log", "verify", log.toString());
        Cli show = Cli.run("log", "show", id, "--log", log.toString());

        assertThat(decide.exit()).isZero();
        assertThat(verify.exit()).isZero();
        assertThat(verify.out()).contains("intact, 2 entries verified");
        assertThat(show.exit()).isZero();
        assertThat(show.out()).contains("\"decisionId\" : \"" + id + "\"", "\"scenario\" : \"seed000-exact-brand-voice\"");
    }

    @Test
    void whenTheLogWasTamperedWith_thenVerifyExitsOneAndNamesTheEntry(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("decisions.jsonl");
        Cli.run("decide", "facts/seed004-calendar-json.yaml", "facts/seed000-exact-brand-voice.yaml", "--log", log.toString());
        List<String> lines = Files.readAllLines(log);
        Files.write(log, List.of(lines.get(0), lines.get(1).replace("\"high\"", "\"low\"")));

        Cli verify = Cli.run("log", "verify", log.toString());

        assertThat(verify.exit()).isEqualTo(1);
        assertThat(verify.out()).contains("line 2 (decision ").contains("was edited");
    }

    @Test
    void whenTheLogOrDecisionIsMissing_thenExitTwo(@TempDir Path dir) {
        assertThat(Cli.run("log", "verify", dir.resolve("none.jsonl").toString()).exit()).isEqualTo(2);
        Path log = dir.resolve("decisions.jsonl");
        Cli.run("decide", "facts/seed004-calendar-json.yaml", "--log", log.toString());
        Cli show = Cli.run("log", "show", "no-such-id", "--log", log.toString());
        assertThat(show.exit()).isEqualTo(2);
        assertThat(show.err()).contains("no decision no-such-id in the log");
    }

    @Test
    void whenAReviewerKeepsACheckpoint_thenATruncatedLogFailsVerifyAgainstIt(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("decisions.jsonl");
        Cli.run("decide", "facts/seed004-calendar-json.yaml", "facts/seed000-exact-brand-voice.yaml", "--log", log.toString());
        Cli head = Cli.run("log", "head", log.toString());
        Path checkpoint = Files.writeString(dir.resolve("checkpoint.json"), head.out());

        Cli extends_ = Cli.run("log", "verify", log.toString(), "--checkpoint", checkpoint.toString());
        Files.write(log, Files.readAllLines(log).subList(0, 1));
        Cli plain = Cli.run("log", "verify", log.toString());
        Cli pinned = Cli.run("log", "verify", log.toString(), "--checkpoint", checkpoint.toString());

        assertThat(head.exit()).isZero();
        assertThat(head.out()).contains("\"checkpoint\" : \"ladder-log-checkpoint-1\"", "\"entries\" : 2",
                "\"headSha256\"", "\"publicKey\"", "\"signature\"");
        assertThat(extends_.exit()).isZero();
        assertThat(extends_.out()).contains("extends the checkpoint (2 entries", "0 appended since");
        assertThat(plain.exit()).as("the chain alone cannot see a cut-off end").isZero();
        assertThat(plain.out()).contains("take one with 'ladder log head'");
        assertThat(pinned.exit()).isEqualTo(1);
        assertThat(pinned.out()).contains("the log has 1 entry but the checkpoint covers 2: entries were removed");
    }

    @Test
    void whenTheCheckpointFileIsNotOne_thenExitTwoSaysWhatItShouldBe(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("decisions.jsonl");
        Cli.run("decide", "facts/seed004-calendar-json.yaml", "--log", log.toString());
        Path bogus = Files.writeString(dir.resolve("bogus.json"), "{\"entries\": 1}");

        Cli verify = Cli.run("log", "verify", log.toString(), "--checkpoint", bogus.toString());
        Cli missing = Cli.run("log", "verify", log.toString(), "--checkpoint", dir.resolve("none.json").toString());

        assertThat(verify.exit()).isEqualTo(2);
        assertThat(verify.err()).contains("bogus.json: not a Ladder log checkpoint (expected");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no such checkpoint file");
    }

    @Test
    void whenTheLogIsTampered_thenHeadRefusesToCheckpointIt(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("decisions.jsonl");
        Cli.run("decide", "facts/seed004-calendar-json.yaml", "facts/seed000-exact-brand-voice.yaml", "--log", log.toString());
        List<String> lines = Files.readAllLines(log);
        Files.write(log, List.of(lines.get(0), lines.get(1).replace("\"high\"", "\"low\"")));

        Cli head = Cli.run("log", "head", log.toString());

        assertThat(head.exit()).isEqualTo(1);
        assertThat(head.out()).isEmpty();
        assertThat(head.err()).contains("no checkpoint: line 2 (decision ").contains("was edited");
    }

    @Test
    void whenListed_thenEachEntryIsOneLineAndShowFindsItBySeqOrPrefix(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("decisions.jsonl");
        Cli.run("decide", "facts/seed004-calendar-json.yaml", "facts/seed000-exact-brand-voice.yaml", "--log", log.toString());

        Cli list = Cli.run("log", "list", log.toString());
        String second = list.out().lines().skip(1).findFirst().orElseThrow();
        String id = second.split("  ")[1];
        Cli bySeq = Cli.run("log", "show", "2", "--log", log.toString());
        Cli byPrefix = Cli.run("log", "show", id.substring(0, 8), "--log", log.toString());

        assertThat(list.exit()).isZero();
        assertThat(list.out().lines()).hasSize(2);
        assertThat(second).startsWith("2  ").endsWith("seed000-exact-brand-voice  FINE_TUNING");
        assertThat(bySeq.out()).contains("\"decisionId\" : \"" + id + "\"");
        assertThat(byPrefix.out()).isEqualTo(bySeq.out());
    }

    @Test
    void whenABatchIsLogged_thenEveryPrintedRecordIsInTheLogAndListFilters(@TempDir Path dir) throws Exception {
        Path batch = dir.resolve("batch.jsonl");
        java.nio.file.Files.writeString(batch, String.join("\n",
                java.nio.file.Files.readString(Path.of("facts/seed003-q2-drug-interactions.json")).replaceAll("\\s*\n\\s*", " "),
                "{\"id\": \"prompt-only\", \"needs\": {\"knowledge\": \"none\", \"style\": \"none\", \"format\": \"none\"}}",
                "{\"id\": \"bad\", \"usage\": {\"requestsPerDay\": -1}}") + "\n");
        Path log = dir.resolve("log.jsonl");

        Cli decided = Cli.run("decide", "--batch", batch.toString(), "--on-error", "skip", "--log", log.toString());

        assertThat(decided.exit()).as(decided.err()).isEqualTo(2);
        assertThat(decided.out().lines().count()).isEqualTo(2);
        assertThat(Cli.run("log", "verify", log.toString()).exit()).isZero();
        Cli all = Cli.run("log", "list", log.toString());
        assertThat(all.out().lines().count()).isEqualTo(2);
        Cli rag = Cli.run("log", "list", log.toString(), "--approach", "RAG");
        assertThat(rag.out()).contains("seed003-q2-drug-interactions").doesNotContain("prompt-only");
        assertThat(Cli.run("log", "list", log.toString(), "--scenario", "prompt-only").out()).contains("prompt-only")
                .doesNotContain("seed003");
        assertThat(Cli.run("log", "list", log.toString(), "--since", "2999-01-01").out()).isEmpty();
        Cli badSince = Cli.run("log", "list", log.toString(), "--since", "soon");
        assertThat(badSince.exit()).isEqualTo(2);
        assertThat(badSince.err()).contains("--since: 'soon' is not a date or an instant");
    }
}
