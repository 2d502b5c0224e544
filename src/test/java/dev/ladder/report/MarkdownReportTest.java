package dev.ladder.report;

import dev.ladder.Decision;
import dev.ladder.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownReportTest {

    @Test
    void whenAConflictWasResolved_thenTheDiagramShowsTheOverride() throws Exception {
        // fine-tuning for knowledge (K-05) lost to the finding that fine-tuning does not teach facts (K-06)
        Decision decision = Fixtures.advisor().decide(Fixtures.FACTS.resolve("seed003-q2-drug-interactions.json"));
        int winner = decision.trail().stream().filter(e -> e.rule().equals("K-06")).findFirst().orElseThrow().seq();
        int loser = decision.trail().stream().filter(e -> e.rule().equals("K-05")).findFirst().orElseThrow().seq();

        String markdown = MarkdownReport.render(decision);

        assertThat(markdown).contains("```mermaid\nflowchart BT\n")
                .contains("  r" + winner + " -. overrides .-> r" + loser + "\n")
                .contains("  style r" + loser + " stroke-dasharray: 5 5\n")
                .contains("  result((\"RAG (medium confidence)\"))")
                .contains("[/\"needs.knowledge = public\"/]");
    }

    @Test
    void whenABlockDecidedWhyNot_thenTheDiagramLinksItToTheWhyNot() throws Exception {
        // a persona scenario with no labelled examples: the block (D-01) comes before the style override
        Decision decision = Fixtures.advisor().decide(Fixtures.FACTS.resolve("seed000-strict-interviewer-persona.yaml"));
        int block = decision.trail().stream().filter(e -> e.rule().equals("D-01")).findFirst().orElseThrow().seq();
        int whyNot = decision.trail().stream().filter(e -> e.rule().equals("W-01")).findFirst().orElseThrow().seq();

        assertThat(MarkdownReport.render(decision)).contains("  r" + block + " --> r" + whyNot + "\n")
                .contains("  result((\"PROMPTING (medium confidence)\"))");
    }
}
