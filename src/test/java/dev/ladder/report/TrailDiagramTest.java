package dev.ladder.report;

import dev.ladder.Decision;
import dev.ladder.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the trail diagram draws, read from its SVG; how it looks in a browser is TrailDiagramBrowserTest. */
class TrailDiagramTest {

    @Test
    void whenDrawn_thenTheArrowIntoTheRecommendationComesFromTheRuleThatMadeIt() throws Exception {
        Decision decision = Fixtures.advisor().decide(Fixtures.FACTS.resolve("seed000-strict-interviewer-persona.yaml"));
        Decision.TrailEntry recommending = decision.trail().stream()
                .filter(e -> e.concludes().stream().anyMatch(c -> c.startsWith("the recommendation: "))).findFirst().orElseThrow();
        Decision.TrailEntry confidence = decision.trail().stream().filter(e -> e.rule().startsWith("Q-")).findFirst().orElseThrow();

        String svg = TrailDiagram.svg(TrailGraph.of(decision));

        assertThat(recommending.rule()).isEqualTo("P-04");
        assertThat(svg).contains("data-from=\"r" + recommending.seq() + "\" data-to=\"result\"")
                .doesNotContain("data-from=\"r" + confidence.seq() + "\"")
                .contains("<g class=\"rule deciding\" data-id=\"r" + recommending.seq() + "\"");
        for (int seq : decision.decidingPath()) {
            assertThat(svg).contains("<g class=\"rule deciding\" data-id=\"r" + seq + "\"");
        }
    }

    @Test
    void whenARuleReadPricesAndThresholds_thenTheyAreListedApartAndNotDrawnAsFacts() throws Exception {
        Decision decision = Fixtures.advisor().decide(Fixtures.FACTS.resolve("seed000-strict-interviewer-persona.yaml"));
        TrailGraph graph = TrailGraph.of(decision);

        String svg = TrailDiagram.svg(graph);

        assertThat(svg).contains("needs.style = persona").doesNotContain("pricing.").doesNotContain("examples.platformMinimum")
                .doesNotContain("…");
        assertThat(TrailDiagram.parameters(graph)).extracting(TrailDiagram.Parameter::label)
                .contains("pricing.largeModelInputPerMTokUsd = 2.5", "examples.platformMinimum = 10");
        assertThat(TrailDiagram.parameters(graph)).filteredOn(p -> p.label().startsWith("examples.platformMinimum"))
                .singleElement().extracting(TrailDiagram.Parameter::rules).asList().containsExactly("D-01");
    }

    @Test
    void whenAParameterSharesAScenarioGroupName_thenItIsStillAParameter() {
        assertThat(TrailGraph.isScenarioFact("evaluation.taskScoreBefore")).isTrue();
        assertThat(TrailGraph.isScenarioFact("evaluation.minEvalSetSize")).isFalse();
        assertThat(TrailGraph.isScenarioFact("attempts[0].outcome")).isTrue();
        assertThat(TrailGraph.isScenarioFact("pricing.largeModelInputPerMTokUsd (scenario)")).isFalse();
        assertThat(TrailGraph.isScenarioFact("usage.requestsPerDay")).isTrue();
    }

    @Test
    void whenALabelIsLong_thenItIsWrappedWhole() {
        String label = "V-36 A fine-tune that pays back too late against the smaller base model loses to it";

        assertThat(TrailDiagram.wrap(label)).allMatch(line -> line.length() <= 34)
                .satisfies(lines -> assertThat(String.join(" ", lines)).isEqualTo(label));
    }

    @Test
    void whenDrawnTwice_thenTheDrawingIsTheSame() throws Exception {
        Decision decision = Fixtures.advisor().decide(Fixtures.FACTS.resolve("cost-at-the-rule-of-thumb.yaml"));

        assertThat(TrailDiagram.svg(TrailGraph.of(decision))).isEqualTo(TrailDiagram.svg(TrailGraph.of(decision)));
    }
}
