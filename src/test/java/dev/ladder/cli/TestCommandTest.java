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

    @Test
    void whenJunitIsAsked_thenCiServersReadEachScenarioAsATestCase(@TempDir Path dir) throws Exception {
        Path wrong = dir.resolve("wrong.yaml");
        Files.writeString(wrong, "id: wrong\nexpect: { approach: FINE_TUNING }\n");
        Path xml = dir.resolve("reports/ladder.xml");

        Cli result = Cli.run("test", "facts/seed004-calendar-json.yaml", wrong.toString(), "--junit", xml.toString());

        assertThat(result.exit()).isEqualTo(1);
        org.w3c.dom.Document doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        org.w3c.dom.Element suite = doc.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("tests")).isEqualTo("2");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        org.w3c.dom.NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(2);
        org.w3c.dom.NodeList failures = suite.getElementsByTagName("failure");
        assertThat(failures.getLength()).isEqualTo(1);
        assertThat(((org.w3c.dom.Element) failures.item(0).getParentNode()).getAttribute("name")).isEqualTo("wrong");
        assertThat(failures.item(0).getTextContent()).contains("approach: expected FINE_TUNING, got PROMPTING");
        assertThat(result.out()).as("the usual report still prints").contains("1 passed, 1 failed");
    }
}
