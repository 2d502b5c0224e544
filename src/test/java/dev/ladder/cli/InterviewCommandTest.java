package dev.ladder.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A FILE the interview could not write is refused before the first question, not after the last. */
class InterviewCommandTest {

    @Test
    void whenTheFileNameIsNoScenarioName_thenItIsRefusedBeforeAsking(@TempDir Path dir) {
        Cli result = Cli.run("interview", "--out", dir.resolve("answers.txt").toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("answers.txt: is not a scenario file name (expected a name ending in .yaml, .yml or .json)")
                .doesNotContain("[id]");
    }

    @Test
    void whenTheDirectoryDoesNotExist_thenItIsRefusedBeforeAsking(@TempDir Path dir) {
        Cli result = Cli.run("interview", "--out", dir.resolve("missing").resolve("x.yaml").toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("cannot be written: the directory " + dir.resolve("missing") + " does not exist");
    }

    @Test
    void whenTheFileIsADirectory_thenItIsRefusedEvenWithForce(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectory(dir.resolve("scenario.yaml"));

        Cli result = Cli.run("interview", "--force", "--out", folder.toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("scenario.yaml: is a directory (expected a file name)");
    }
}
