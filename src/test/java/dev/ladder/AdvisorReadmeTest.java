package dev.ladder;

import dev.ladder.govern.DecisionLog;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedding snippet in the README compiles and runs as printed. */
class AdvisorReadmeTest {

    @Test
    void whenTheReadmeSnippetRuns_thenItDecidesTheExample() throws Exception {
        // --- README snippet: begin ---
        Advisor advisor = Advisor.load(Path.of("rules"));
        Decision decision = advisor.decide(Path.of("facts/seed003-q2-drug-interactions.json"));
        String approach = decision.recommendation().approach();      // "RAG"
        decision.trail().forEach(step -> System.out.println(step.rule() + " " + step.reason()));

        Advisor logged = new DecisionLog(Path.of("ladder-log.jsonl")).logging(advisor);   // dev.ladder.govern
        // --- README snippet: end ---

        assertThat(approach).isEqualTo("RAG");
        assertThat(logged.ruleIds()).isEqualTo(advisor.ruleIds());
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).contains("Advisor advisor = Advisor.load(Path.of(\"rules\"));")
                .contains("Decision decision = advisor.decide(Path.of(\"facts/seed003-q2-drug-interactions.json\"));")
                .contains("Advisor logged = new DecisionLog(Path.of(\"ladder-log.jsonl\")).logging(advisor);");
    }
}
