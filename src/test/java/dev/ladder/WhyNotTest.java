package dev.ladder;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Each approach not recommended says why not, naming the rules that closed it and, where they state it, what would change it. */
class WhyNotTest {
    private static Map<String, Decision.WhyNot> whyNot(Decision d) {
        return d.whyNot().stream().collect(Collectors.toMap(Decision.WhyNot::approach, Function.identity()));
    }

    @Test
    void theCheaperFineTuneOfSeed003LostToTheRuleThatFactsAreNotTaught() throws Exception {
        Decision d = Fixtures.advisor().decide(Path.of("facts/seed003-q2-drug-interactions.json"));
        Decision.WhyNot fineTuning = whyNot(d).get("FINE_TUNING");

        assertThat(d.costs().perDay().get("FINE_TUNING")).isLessThan(d.costs().perDay().get("RAG"));
        assertThat(fineTuning.rules()).startsWith("W-04").contains("K-05", "K-06");
        assertThat(fineTuning.reason()).isEqualTo("FINE_TUNING is not recommended: fine-tuning for knowledge lost to a finding"
                + " that outweighs it.");
        assertThat(whyNot(d).get("PROMPTING").rules()).startsWith("W-07").contains("K-02");
        assertThat(whyNot(d)).doesNotContainKey("RAG");
    }

    @Test
    void aRungTheConstraintsRuleOutSaysWhatWouldOpenIt() {
        Decision d = Fixtures.decide("""
                id: w1
                task: { kind: classification, baseModelKnowsDomain: "yes", lifetime: product }
                needs: { knowledge: none, style: exact-voice, format: none }
                data: { labelledExamples: 2000, exampleQuality: high, evalSetSize: 200 }
                constraints: { modelAccess: closed-api, trainingBudgetUsd: 5000, failureCost: medium }
                """);
        Decision.WhyNot fineTuning = whyNot(d).get("FINE_TUNING");

        assertThat(d.recommendation().approach()).isEqualTo("PROMPTING");
        assertThat(fineTuning.rules()).startsWith("W-01");
        assertThat(fineTuning.wouldChangeIf()).isEqualTo("a tunable API model or open weights are available");
    }

    @Test
    void aRungWaitingOnAnUnknownFactNamesTheFact() {
        Decision d = Fixtures.decide("""
                id: w2
                task: { kind: classification, baseModelKnowsDomain: "yes", lifetime: product }
                needs: { knowledge: none, style: exact-voice, format: none }
                data: { labelledExamples: 2000, exampleQuality: high, evalSetSize: 200 }
                constraints: { modelAccess: open-weights, gpuAccess: true, failureCost: medium }
                """);
        Decision.WhyNot fineTuning = whyNot(d).get("FINE_TUNING");

        assertThat(fineTuning.rules()).startsWith("W-02");
        assertThat(fineTuning.wouldChangeIf()).isEqualTo("constraints.trainingBudgetUsd is known");
        assertThat(d.missingFacts()).extracting(Decision.MissingFact::fact).contains("constraints.trainingBudgetUsd");
    }

    @Test
    void theReportsShowWhyNotRightAfterTheDecidingPath() throws Exception {
        Decision d = Fixtures.advisor().decide(Path.of("facts/seed003-q2-drug-interactions.json"));

        String text = dev.ladder.report.TextReport.render(d);
        assertThat(text.indexOf("WHY NOT THE OTHERS")).isGreaterThan(text.indexOf("DECIDING PATH"))
                .isLessThan(text.indexOf("LADDER"));
        String markdown = dev.ladder.report.MarkdownReport.render(d);
        assertThat(markdown.indexOf("## Why not the others")).isGreaterThan(markdown.indexOf("## Deciding path"))
                .isLessThan(markdown.indexOf("## Ladder"));
        String html = dev.ladder.report.HtmlReport.render(d);
        assertThat(html.indexOf("<h2>Why not the others</h2>")).isGreaterThan(html.indexOf("<h2>Deciding path</h2>"))
                .isLessThan(html.indexOf("<h2>Ladder</h2>"));
    }
}
