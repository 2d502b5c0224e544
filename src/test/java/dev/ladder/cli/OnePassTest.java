package dev.ladder.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Every mistake of a scenario is named in one run, each located, so one edit fixes them all. */
class OnePassTest {
    @Test
    void everyMistakeOfAJsonFileIsReportedAtOnce(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("four.json");
        Files.writeString(file, """
                {
                  "id": "four",
                  "task": { "knd": "code" },
                  "needs": { "style": "shouty" },
                  "usage": { "requestsPerDay": -5 },
                  "attempts": [ { "approach": "prompting", "outcome": "meh" } ]
                }
                """);

        Cli result = Cli.run("decide", file.toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines().toList()).containsExactly(
                file + ":3:13: task.knd: unknown field (did you mean task.kind?)",
                file + ":4:23: needs.style: 'shouty' is not allowed (expected one of: none, tone, persona, exact-voice)",
                file + ":5:32: usage.requestsPerDay: -5 is negative (expected an integer >= 0)",
                file + ":6:55: attempts[0].outcome: 'meh' is not allowed (expected one of: not-tried, works, partial, fails)");
    }

    @Test
    void everyMistakeOfAYamlFileIsReportedAtOnce(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("two.yaml");
        Files.writeString(file, """
                id: two
                usage: { requestsPerDay: -5, inputTokensPerRequest: lots }
                constraints: { trainingBudgetUsd: 100, modelAcces: open-weights }
                """);

        Cli result = Cli.run("decide", file.toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err().lines().toList()).hasSize(3)
                .anyMatch(l -> l.startsWith(file + ":2:") && l.contains("usage.requestsPerDay: -5 is negative"))
                .anyMatch(l -> l.startsWith(file + ":2:") && l.contains("usage.inputTokensPerRequest"))
                .anyMatch(l -> l.startsWith(file + ":3:") && l.contains("constraints.modelAcces: unknown field (did you mean constraints.modelAccess?)"));
    }

    @Test
    void aBatchThatCannotBeLoggedPrintsNothingAndExitsFive(@TempDir Path dir) throws IOException {
        Path batch = dir.resolve("batch.jsonl");
        Files.writeString(batch, "{\"id\": \"a\"}\n{\"id\": \"b\"}\n");
        Path notALog = Files.createDirectory(dir.resolve("a-directory"));

        Cli result = Cli.run("decide", "--batch", batch.toString(), "--log", notALog.toString());

        assertThat(result.exit()).isEqualTo(5);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("cannot append to the decision log").doesNotContain("\tat ");
    }

    @Test
    void aRuleBaseThatDoesNotCompileIsAlsoLintedInTheSameRun(@TempDir Path dir) throws IOException {
        Path rules = dev.ladder.RuleDirs.copy(dir);
        int misspelt = dev.ladder.RuleDirs.append(rules, "data.drl", """

                rule "A misspelt field refuses the rule base"
                    @id("Z-41") @source("test") @reason("never")
                    agenda-group "classify"
                when
                    Data(labeledExamples > 3)
                then
                end
                """);
        int unknownParameter = dev.ladder.RuleDirs.append(rules, "style.drl", """

                rule "A misspelt parameter never matches"
                    @id("Z-42") @source("test") @reason("never")
                    agenda-group "classify"
                when
                    Param(name == "examples.platformMinimun", $min : value)
                    Data(labelledExamples > $min)
                then
                end
                """);

        Cli result = Cli.run("check", "--rules", rules.toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err().lines().toList())
                .anyMatch(l -> l.contains("data.drl:" + (misspelt + 5) + ":") && l.contains("did you mean labelledExamples?"))
                .anyMatch(l -> l.contains("style.drl:" + (unknownParameter + 5) + ":")
                        && l.contains("no parameter named \"examples.platformMinimun\"")
                        && l.contains("did you mean examples.platformMinimum?"));
    }
}
