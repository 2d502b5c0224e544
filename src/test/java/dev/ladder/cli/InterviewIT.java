package dev.ladder.cli;

import dev.ladder.read.ScenarioReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ladder interview} as its users run it, through the packaged launcher: answers piped
 * from a script, and typed at a terminal (a pseudo-terminal made by util-linux {@code script}).
 */
class InterviewIT {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    private Run run(String input, List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("LADDER_CACHE_DIR", dir.resolve("cache").toString());
        builder.environment().put("LADDER_DAEMON", "off");
        Path in = dir.resolve("in");
        Files.writeString(in, input);
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        Process process = builder.redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("interview finished").isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private Run ladder(String input, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "ladder"));
        command.addAll(List.of(args));
        return run(input, command);
    }

    @Test
    void whenAnswersArePiped_thenTheScenarioIsWrittenAndDecidesAsTheInterviewSaid() throws Exception {
        Path file = dir.resolve("piped.yaml");

        Run interview = ladder("piped-bot\nproprietary\n400000\nend\n", "interview", "--out", file.toString());

        assertThat(interview.exit()).as(interview.err()).isZero();
        assertThat(interview.out()).contains("[needs.knowledge]", "-> so far: RAG", "Wrote " + file);
        String recommended = interview.out().replaceFirst("(?s)^.*\nRecommendation: (\\S+) .*$", "$1");
        assertThat(ScenarioReader.read(file).getId()).isEqualTo("piped-bot");
        assertThat(Files.readString(file)).contains("knowledge: proprietary");
        Run decide = ladder("", "decide", file.toString(), "--format", "text");
        assertThat(decide.exit()).isZero();
        assertThat(decide.out()).contains(recommended);
    }

    @Test
    void whenAPipedAnswerIsRefused_thenTheRunFailsNamingLineAndFieldAndWritesNothing() throws Exception {
        Path file = dir.resolve("refused.yaml");

        Run interview = ladder("refused-bot\nproprietary\nlots\n", "interview", "--out", file.toString());

        assertThat(interview.exit()).isEqualTo(2);
        assertThat(interview.err()).contains("standard input:3:1: needs.knowledgeSizeTokens: 'lots' is a string (expected an integer >= 0)")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(file).doesNotExist();
    }

    @Test
    void whenThereIsNoOutFile_thenStandardOutputIsTheScenarioAlone() throws Exception {
        Run interview = ladder("stdout-bot\nnone\n", "interview");

        assertThat(interview.exit()).as(interview.err()).isZero();
        assertThat(interview.err()).contains("[needs.knowledge]");
        assertThat(ScenarioReader.parse("stdout.yaml", interview.out().getBytes(StandardCharsets.UTF_8)).getId())
                .isEqualTo("stdout-bot");
    }

    @Test
    void whenTheFileExists_thenItIsKeptUnlessForced() throws Exception {
        Path file = dir.resolve("kept.yaml");
        Files.writeString(file, "id: kept\n");

        Run refused = ladder("x\n", "interview", "--out", file.toString());

        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("kept.yaml: exists (expected a new file; add --force to replace it)");
        assertThat(Files.readString(file)).isEqualTo("id: kept\n");
    }

    @Test
    void whenTypedAtATerminal_thenARefusedAnswerIsAskedAgain() throws Exception {
        Path file = dir.resolve("terminal.yaml");
        String launcher = Path.of("ladder").toAbsolutePath().toString();

        // script(1) runs the launcher on a pseudo-terminal and types our input into it
        Run session = run("tty-bot\nproprietary\nlots\n5000\nend\n", List.of("script", "-qec",
                "bash " + launcher + " interview --out " + file, "/dev/null"));

        assertThat(session.exit()).as(session.out()).isZero();
        assertThat(session.out()).contains("not taken: 'lots' is a string (expected an integer >= 0)", "Wrote " + file);
        assertThat(Files.readString(file)).contains("id: tty-bot", "knowledgeSizeTokens: 5000");
    }
}
