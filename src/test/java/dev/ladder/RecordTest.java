package dev.ladder;

import dev.ladder.report.DecisionJson;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Decision records are reproducible and content-hashed. */
class RecordTest {

    @Test
    void whenTheSameScenarioIsDecidedTwice_thenTheRecordsDifferOnlyInTheirTimestampAndId() throws Exception {
        Path file = Fixtures.FACTS.resolve("seed000-hospital-terminology.yaml");

        Decision first = Fixtures.advisor().decide(file);
        Decision second = Advisor.load(Fixtures.RULES).decide(file);

        assertThat(second.decisionId()).isNotEqualTo(first.decisionId());
        assertThat(java.util.UUID.fromString(first.decisionId()).toString()).isEqualTo(first.decisionId());
        assertThat(DecisionJson.pretty(second.withDecidedAt("T").withDecisionId("D")))
                .isEqualTo(DecisionJson.pretty(first.withDecidedAt("T").withDecisionId("D")));
        assertThat(first.ruleset().sha256()).hasSize(64);
        assertThat(first.ruleset().files()).contains("parameters.yaml", "knowledge.drl");
    }

    @Test
    void whenAScenarioIsWrittenInJsonOrYaml_thenItsInputHashIsTheSame() {
        Decision fromYaml = Fixtures.decide("""
                id: same
                usage: { requestsPerDay: 10 }
                expect: { approach: PROMPTING }
                """);
        Decision fromJson;
        try {
            fromJson = Fixtures.advisor().decide(dev.ladder.read.ScenarioReader.parse("x.json",
                    "{\"usage\": {\"requestsPerDay\": 10}, \"id\": \"same\"}".getBytes()), "x.json");
        } catch (LadderException e) {
            throw new AssertionError(e);
        }

        assertThat(fromJson.inputSha256()).isEqualTo(fromYaml.inputSha256());
    }

    @Test
    void whenAFactChanges_thenTheInputHashChanges() {
        Decision ten = Fixtures.decide("id: h\nusage: { requestsPerDay: 10 }\n");
        Decision eleven = Fixtures.decide("id: h\nusage: { requestsPerDay: 11 }\n");

        assertThat(ten.inputSha256()).isNotEqualTo(eleven.inputSha256());
    }

    @Test
    void whenTheRecordIsWritten_thenItHasEveryMemberTheSpecRequires() throws Exception {
        Decision d = Fixtures.advisor().decide(Fixtures.FACTS.resolve("seed004-error-summarizer-10k.yaml"));
        var json = DecisionJson.mapper().readTree(DecisionJson.pretty(d));

        assertThat(json.fieldNames()).toIterable().contains("scenario", "recommendation", "ladder", "warnings",
                "missingFacts", "costs", "trail", "ruleset", "inputSha256", "decidedAt", "decisionId", "decidingPath");
        assertThat(json.path("recommendation").fieldNames()).toIterable()
                .contains("approach", "techniques", "confidence", "summary");
        var entry = json.path("trail").get(0);
        assertThat(entry.fieldNames()).toIterable()
                .contains("seq", "rule", "name", "file", "line", "source", "reason", "facts", "concludes");
        assertThat(json.path("costs").path("perDay").has("FINE_TUNING")).isTrue();
        assertThat(json.path("costs").path("figures").toString()).contains("breakEven.days");
    }
}
