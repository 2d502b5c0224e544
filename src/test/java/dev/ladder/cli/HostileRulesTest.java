package dev.ladder.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile-rules corpus (src/test/resources/hostile-rules): each file makes a rule base with
 * the project's parameters. A file marked "refused" must be refused by check and by decide with
 * exit 2, located in that file, before any rule runs ("rejected": it does not even compile); a file marked "fault" passes the check and
 * must stop decide with exit 3 naming its rule, no decision and no stack trace. Either way the
 * side effect it attempts (a file at PWNED, leaving the JVM) must not happen.
 */
class HostileRulesTest {
    private static final Path CORPUS = Path.of("src/test/resources/hostile-rules");
    private static final String HEADER = "package ladder.rules;\nimport dev.ladder.model.*;\n";
    private static final String SCENARIO = "facts/seed003-q2-drug-interactions.json";

    static Stream<Path> corpus() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.filter(f -> f.toString().endsWith(".drl")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachHostileRuleIsRefusedOrContainedWithoutEffect(Path hostile, @TempDir Path dir) throws Exception {
        String text = Files.readString(hostile);
        String expect = text.lines().findFirst().orElseThrow();
        assertThat(expect).startsWith("// expect: ");
        String[] words = expect.substring("// expect: ".length()).split(" ", 2);
        Path pwned = dir.resolve("pwned");
        // the hostile file alone with the real parameters: it is refused, or it fires first and is stopped
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.copy(Path.of("rules/parameters.yaml"), rules.resolve("parameters.yaml"));
        Path file = rules.resolve("zz-hostile.drl");
        Files.writeString(file, HEADER + text.replace("PWNED", pwned.toString()));
        Path parameters = rules.resolve("parameters.yaml");
        Files.writeString(parameters, Files.readString(parameters)
                .replace("engine.maxMillis:\n  value: 2000", "engine.maxMillis:\n  value: 300"));

        Cli check = Cli.run("check", "--rules", rules.toString());
        Cli decide = Cli.run("decide", SCENARIO, "--rules", rules.toString());

        if (words[0].equals("refused") || words[0].equals("rejected")) {
            assertThat(check.exit()).as(check.err()).isEqualTo(2);
            assertThat(decide.exit()).isEqualTo(2);
            assertThat(check.err()).contains(file + ":").contains(words[1]);
            if (words[0].equals("refused")) {
                assertThat(check.err()).contains("refused");
            }
            assertThat(lines(check.err())).allSatisfy(line -> assertThat(line).startsWith(file + ":")
                    .matches(".+:\\d+:\\d+: .+"));
        } else {
            assertThat(check.exit()).as(check.err()).isNotEqualTo(2);
            assertThat(decide.exit()).as(decide.err()).isEqualTo(3);
            assertThat(decide.err()).startsWith(file + ":").contains("rule Z-01").containsPattern(words[1])
                    .contains("no decision was made");
        }
        assertThat(decide.out()).isEmpty();
        assertThat(decide.err()).doesNotContain("\tat ", "Exception in thread");
        assertThat(pwned).doesNotExist();
    }

    private static List<String> lines(String text) {
        return text.lines().filter(l -> !l.isBlank()).toList();
    }
}
