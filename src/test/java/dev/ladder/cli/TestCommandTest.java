package dev.ladder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ladder.report.DecisionJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TestCommandTest {

    @Test
    void whenTheFactsLibraryRuns_thenAllPassAndCoverageIsReported() {
        Cli result = Cli.run("test");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).containsPattern("(?m)^\\d+ passed, 0 failed$").contains("rule coverage: 100.0%");
    }

    @Test
    void whenAnExpectationIsWrong_thenTheDifferenceIsShownAndExitOne(@TempDir Path dir) throws Exception {
        Path scenario = dir.resolve("wrong.yaml");
        Files.writeString(scenario, """
                id: wrong
                needs: { knowledge: none, style: none, format: none }
                expect: { approach: FINE_TUNING, warnings: [STALE_KNOWLEDGE], rules: [K-01, Z-99], absentRules: [X-01] }
                """);

        Cli result = Cli.run("test", scenario.toString());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).contains("FAIL  wrong",
                "approach: expected FINE_TUNING, got PROMPTING",
                "warning STALE_KNOWLEDGE was not raised",
                "rule K-01 should have fired but did not",
                "rule Z-99 does not exist in the rule base",
                "rule X-01 fired but should not have",
                "0 passed, 1 failed");
    }

    @Test
    void whenJsonIsAsked_thenCiCanReadTheCounts() throws Exception {
        Cli result = Cli.run("test", "facts/seed004-calendar-json.yaml", "--format", "json");

        JsonNode report = DecisionJson.mapper().readTree(result.out());
        assertThat(report.path("passed").asInt()).isEqualTo(1);
        assertThat(report.path("failed").asInt()).isZero();
        assertThat(report.path("coverage").path("neverFired").size()).isGreaterThan(0);
    }
}
