package dev.ladder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ladder.RuleDirs;
import dev.ladder.report.DecisionJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class GovernanceCommandsTest {

    @Test
    void whenTheRuleBasesAreTheSame_thenDiffFindsNothingAndExitsZero(@TempDir Path dir) throws Exception {
        Path base = RuleDirs.copy(dir);

        Cli result = Cli.run("diff", "--base-rules", base.toString());

        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("rule files changed: none").containsPattern("0 of \\d+ scenarios change");
    }

    @Test
    void whenAThresholdMoves_thenDiffListsTheScenariosThatChangeAndTheRulesResponsible(@TempDir Path dir) throws Exception {
        Path base = RuleDirs.copy(dir.resolve("base"));
        Path edited = RuleDirs.copy(dir.resolve("edited"));
        Path parameters = edited.resolve("parameters.yaml");
        Files.writeString(parameters, Files.readString(parameters).replace("""
                examples.rarelyHelpBelow:
                  value: 50""", """
                examples.rarelyHelpBelow:
                  value: 80"""));

        Cli result = Cli.run("diff", "--base-rules", base.toString(), "--rules", edited.toString());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).contains("rule files changed: parameters.yaml",
                "parameter changed: examples.rarelyHelpBelow: 50 -> 80",
                "CHANGED thin-examples-strict-schema (facts/thin-examples-strict-schema.yaml)",
                "  approach: FINE_TUNING -> PROMPTING",
                "rules no longer firing: ").contains("D-07").contains("D-03");
    }

    @Test
    void whenDiffIsAskedForJson_thenTheChangesAreMachineReadable(@TempDir Path dir) throws Exception {
        Path base = RuleDirs.copy(dir.resolve("base"));
        Path edited = RuleDirs.copy(dir.resolve("edited"));
        Files.writeString(edited.resolve("constraints.drl"), Files.readString(edited.resolve("constraints.drl"))
                .replace("insert(new Warning(\"HUMAN_REVIEW_ADVISED\", Level.MEDIUM));", ""));

        Cli result = Cli.run("diff", "--base-rules", base.toString(), "--rules", edited.toString(),
                "--format", "json", "facts/seed003-q2-drug-interactions.json");

        JsonNode report = DecisionJson.mapper().readTree(result.out());
        assertThat(result.exit()).isEqualTo(1);
        assertThat(report.path("changes").get(0).path("warningsRemoved").get(0).asText()).isEqualTo("HUMAN_REVIEW_ADVISED");
        assertThat(report.path("filesChanged").get(0).asText()).isEqualTo("constraints.drl");
        assertThat(report.path("parametersChanged")).isEmpty();
    }

    @Test
    void whenWhatIfExploresThinExamples_thenTheExampleFloorComesOutOfTheRules() {
        Cli result = Cli.run("whatif", "facts/thin-examples-strict-schema.yaml");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("now FINE_TUNING",
                "data.labelledExamples = 70: with data.labelledExamples < 50 the approach becomes PROMPTING (margin -21)",
                "0..49: PROMPTING   50..",
                "task.lifetime: product -> one-off gives PROMPTING");
    }

    @Test
    void whenTheRuleBaseMovesAThreshold_thenWhatIfFollowsIt(@TempDir Path dir) throws Exception {
        Path edited = RuleDirs.copy(dir);
        Path parameters = edited.resolve("parameters.yaml");
        Files.writeString(parameters, Files.readString(parameters).replace("""
                examples.rarelyHelpBelow:
                  value: 50""", """
                examples.rarelyHelpBelow:
                  value: 60"""));

        Cli result = Cli.run("whatif", "facts/thin-examples-strict-schema.yaml", "--rules", edited.toString(),
                "--format", "json");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("\"fact\" : \"data.labelledExamples\"").contains("\"from\" : 60");
    }

    @Test
    void whenAFactIsNearTheLargestNumber_thenWhatIfExploresWhatItCanAndExitsZero(@TempDir Path dir) throws Exception {
        Path huge = Files.writeString(dir.resolve("huge.yaml"), """
                id: huge-values
                constraints: { trainingBudgetUsd: 1.0e308 }
                usage: { requestsPerDay: 9223372036854775807, inputTokensPerRequest: 100, outputTokensPerRequest: 100 }
                """);

        Cli decide = Cli.run("decide", huge.toString());
        Cli whatif = Cli.run("whatif", huge.toString());

        assertThat(decide.exit()).isZero();
        assertThat(whatif.exit()).as(whatif.err()).isZero();
        assertThat(whatif.out()).startsWith("What-if for huge-values: now ");
    }
}
