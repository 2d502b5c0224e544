package dev.ladder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ladder.report.DecisionJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DecideCommandTest {

    @Test
    void whenDecidingAFactsFile_thenJsonRecordAndExitZero() throws Exception {
        Cli result = Cli.run("decide", "facts/seed003-q2-drug-interactions.json");

        assertThat(result.exit()).isZero();
        assertThat(result.err()).isEmpty();
        JsonNode record = DecisionJson.mapper().readTree(result.out());
        assertThat(record.path("scenario").asText()).isEqualTo("seed003-q2-drug-interactions");
        assertThat(record.path("recommendation").path("approach").asText()).isEqualTo("RAG");
        assertThat(record.path("trail").size()).isGreaterThan(5);
        assertThat(record.path("trail").get(0).path("file").asText()).startsWith("rules/").endsWith(".drl");
    }

    @Test
    void whenDecidingSeveralFiles_thenAJsonArrayInArgumentOrder() throws Exception {
        Cli result = Cli.run("decide", "facts/seed004-calendar-json.yaml", "facts/seed000-exact-brand-voice.yaml");

        assertThat(result.exit()).isZero();
        JsonNode records = DecisionJson.mapper().readTree(result.out());
        assertThat(records.isArray()).isTrue();
        assertThat(records.get(0).path("scenario").asText()).isEqualTo("seed004-calendar-json");
        assertThat(records.get(1).path("recommendation").path("approach").asText()).isEqualTo("FINE_TUNING");
    }

    @Test
    void whenTextIsAsked_thenAPersonCanReadTheRecommendationAndTheTrail() {
        Cli result = Cli.run("decide", "facts/seed000-strict-interviewer-persona.yaml", "--format", "text");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("RECOMMENDATION  PROMPTING", "LADDER", "TRAIL",
                "S-06", "OVERRIDDEN BY S-06", "rules/style.drl:");
    }

    @Test
    void whenAFactIsMissing_thenEveryFormatShowsTheReDecisionThatProvesIt() {
        String[] formats = {"text", "markdown", "html"};
        for (String format : formats) {
            Cli result = Cli.run("decide", "facts/mostly-unknown.yaml", "--format", format);

            assertThat(result.exit()).as(format).isZero();
            // mostly-unknown: with needs.knowledge proprietary the answer is retrieval, with none a prompt
            assertThat(result.out()).as(format).contains("needs.knowledge = proprietary gives RAG")
                    .contains("needs.knowledge = none gives PROMPTING");
        }
    }

    @Test
    void whenFiguresRestOnUnknownFacts_thenEveryFormatShowsThemApartWithTheirReDecision() {
        String[] formats = {"text", "markdown", "html"};
        String[] headings = {"FIGURES RESTING ON UNKNOWN FACTS", "## Figures resting on unknown facts",
                "<h2>Figures resting on unknown facts</h2>"};
        for (int i = 0; i < formats.length; i++) {
            Cli result = Cli.run("decide", "facts/token-counts-unknown.yaml", "--format", formats[i]);

            assertThat(result.exit()).as(formats[i]).isZero();
            // token-counts-unknown: the daily costs wait for the token counts, which change no answer
            String out = result.out();
            assertThat(out).as(formats[i]).contains(headings[i])
                    .contains("usage.inputTokensPerRequest is unknown: no value is computed for")
                    .containsPattern("if: usage.inputTokensPerRequest = \\d+ gives [^;]*perDay\\.PROMPTING = [0-9.]+")
                    .contains("left unknown, they are not computed");
            assertThat(out.indexOf(headings[i])).as(formats[i] + ": after the missing facts, before the costs")
                    .isGreaterThan(out.toLowerCase(java.util.Locale.ROOT).indexOf("missing facts"));
        }
    }

    @Test
    void whenMarkdownIsAsked_thenAReviewDocumentWithTheTrailTable() {
        Cli result = Cli.run("decide", "facts/seed000-exact-brand-voice.yaml", "--format", "markdown");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).startsWith("# Ladder decision: seed000-exact-brand-voice")
                .contains("## Recommendation", "## Ladder", "## Warnings", "## Trail", "| S-05 ");
    }

    @Test
    void whenOneOfSeveralFilesIsBad_thenNothingIsPrintedAndExitTwo(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"id\": \"x\", \"usage\": {\"requestsPerDay\": -5}}");

        Cli result = Cli.run("decide", "facts/seed004-calendar-json.yaml", bad.toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains(bad + ":1:41: usage.requestsPerDay: -5 is negative (expected an integer >= 0)");
    }

    @Test
    void whenRulesComeFromAnotherDirectory_thenTheyAreUsed(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules");
        Files.createDirectories(rules);
        try (var files = Files.list(Path.of("rules"))) {
            for (Path file : files.toList()) {
                Files.copy(file, rules.resolve(file.getFileName()));
            }
        }
        Files.writeString(rules.resolve("parameters.yaml"),
                Files.readString(rules.resolve("parameters.yaml")).replace("""
                        examples.platformMinimum:
                          value: 10""", """
                        examples.platformMinimum:
                          value: 3"""));

        Cli result = Cli.run("decide", "facts/seed004-calendar-json.yaml", "--rules", rules.toString(), "--format", "text");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).doesNotContain("D-01");
        assertThat(Cli.run("decide", "facts/seed004-calendar-json.yaml", "--format", "text").out()).contains("D-01");
    }

    @Test
    void whenHtmlIsAskedForSeveralFiles_thenItIsRefusedWithExitTwo() {
        Cli result = Cli.run("decide", "facts/seed004-calendar-json.yaml", "facts/seed000-exact-brand-voice.yaml",
                "--format", "html");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("--format html makes one page per decision");
    }
}
