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
}
