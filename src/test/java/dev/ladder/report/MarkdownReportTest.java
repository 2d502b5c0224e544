package dev.ladder.report;

import dev.ladder.Decision;
import dev.ladder.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownReportTest {

    @Test
    void whenAConflictWasResolved_thenTheDiagramShowsTheOverride() throws Exception {
        Decision decision = Fixtures.advisor().decide(Fixtures.FACTS.resolve("seed000-strict-interviewer-persona.yaml"));
        int winner = decision.trail().stream().filter(e -> e.rule().equals("S-06")).findFirst().orElseThrow().seq();
        int loser = decision.trail().stream().filter(e -> e.rule().equals("S-04")).findFirst().orElseThrow().seq();

        String markdown = MarkdownReport.render(decision);

        assertThat(markdown).contains("```mermaid\nflowchart BT\n")
                .contains("  r" + winner + " -. overrides .-> r" + loser + "\n")
                .contains("  style r" + loser + " stroke-dasharray: 5 5\n")
                .contains("  result((\"PROMPTING (medium confidence)\"))")
                .contains("[/\"needs.style = persona\"/]");
    }
}
