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
        assertThat(fineTuning.rules()).startsWith("W-04", "K-06").contains("K-05");
        assertThat(fineTuning.reason()).isEqualTo("FINE_TUNING is not recommended: fine-tuning on facts the model lacks is"
                + " learned slowly and raises hallucination; retrieval beats it for new and known facts alike, so fine-tuning"
                + " for knowledge loses.");
        assertThat(whyNot(d).get("PROMPTING").rules()).startsWith("W-07").contains("K-02");
        assertThat(whyNot(d)).doesNotContainKey("RAG");
    }

    @Test
    void aRungTheConstraintsRuleOutNamesTheBlockAndClaimsNoConditionDecidingCannotBackUp() {
        Decision d = Fixtures.decide("""
                id: w1
                task: { kind: classification, baseModelKnowsDomain: "yes", lifetime: product }
                needs: { knowledge: none, style: exact-voice, format: none }
                data: { labelledExamples: 2000, exampleQuality: high, evalSetSize: 200 }
                constraints: { modelAccess: closed-api, trainingBudgetUsd: 5000, failureCost: medium }
                """);
        Decision.WhyNot fineTuning = whyNot(d).get("FINE_TUNING");

        assertThat(d.recommendation().approach()).isEqualTo("PROMPTING");
        assertThat(fineTuning.rules()).startsWith("W-01", "C-01");
        assertThat(fineTuning.reason()).isEqualTo("FINE_TUNING is not recommended: the model is closed-api: its provider"
                + " offers no tuning for it, so no fine-tuning job can run.");
        // a tunable model alone would not do: fine-tuning would still wait for the token counts behind its cost
        assertThat(fineTuning.wouldChangeIf()).isNull();
        assertThat(whyNot(d).get("RAG_AND_FINE_TUNING").rules()).as("no need takes retrieval").startsWith("W-08");
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

        assertThat(fineTuning.rules()).startsWith("W-02", "C-10");
        assertThat(fineTuning.reason()).startsWith("FINE_TUNING is not recommended: fine-tuning for style would meet a need,"
                + " but constraints.trainingBudgetUsd is unknown");
        assertThat(fineTuning.wouldChangeIf()).isEqualTo("constraints.trainingBudgetUsd is known");
        assertThat(d.missingFacts()).extracting(Decision.MissingFact::fact).contains("constraints.trainingBudgetUsd");
    }

    @Test
    void aBlockComesBeforeTheFindingsItMadeMoot() throws Exception {
        // a closed model cannot be tuned: that, not the latency finding L-06 about a shorter prompt, rules fine-tuning out
        Decision d = Fixtures.advisor().decide(Path.of("facts/latency-met-by-shorter-outputs.yaml"));
        Decision.WhyNot fineTuning = whyNot(d).get("FINE_TUNING");

        assertThat(fineTuning.rules()).startsWith("W-01", "C-01").doesNotContain("W-04", "L-06");
        assertThat(fineTuning.reason()).contains("the model is closed-api");
        // with a tunable model, shorter outputs would still meet the latency target for less
        assertThat(fineTuning.wouldChangeIf()).isNull();
        assertThat(d.trail()).extracting(Decision.TrailEntry::rule).contains("L-06").doesNotContain("W-04");

        // a task that changes often rules fine-tuning out before its payback is weighed
        Decision cached = Fixtures.advisor().decide(Path.of("facts/cached-long-prompt.yaml"));
        assertThat(whyNot(cached).get("FINE_TUNING").rules()).startsWith("W-01", "C-03").doesNotContain("V-14");
        // were the task to settle, the fine-tune would still pay back too late: no condition is claimed
        assertThat(whyNot(cached).get("FINE_TUNING").wouldChangeIf()).isNull();
    }

    @Test
    void anOpenOptionThatACheaperOneServesComesBeforeAnOverrideOfAnother() throws Exception {
        // fine-tuning for latency by a shorter prompt lost (L-06), but distillation for latency is still open
        Decision d = Fixtures.advisor().decide(Path.of("facts/latency-met-by-smaller-model.yaml"));
        Decision.WhyNot fineTuning = whyNot(d).get("FINE_TUNING");

        assertThat(d.trail()).extracting(Decision.TrailEntry::rule).contains("L-06");
        assertThat(fineTuning.rules()).startsWith("W-05").doesNotContain("L-06");
        assertThat(fineTuning.reason()).isEqualTo("FINE_TUNING is not recommended: fine-tuning (distillation) for latency"
                + " would serve, but prompting (smaller-model) for latency meets the same need for less.");
    }

    @Test
    void aFineTuneThatLostOnCostSaysToWhatWithTheFigures() throws Exception {
        Decision d = Fixtures.advisor().decide(Path.of("facts/fine-tune-pays-back-too-late.yaml"));
        Decision.WhyNot fineTuning = whyNot(d).get("FINE_TUNING");

        assertThat(d.costs().perDay()).containsEntry("PROMPTING", new java.math.BigDecimal("25"))
                .containsEntry("FINE_TUNING", new java.math.BigDecimal("22.1"));
        assertThat(fineTuning.rules()).startsWith("W-04", "V-14");
        assertThat(fineTuning.reason()).isEqualTo("FINE_TUNING is not recommended: fine-tuning loses on cost to prompting"
                + " the large model: the fine-tune, at $22.1 a day against $25, pays back its $3,600 of training and $1,000"
                + " of set-up work only after 1,586.2069 days, beyond the 180-day horizon.");
    }

    @Test
    void aCheaperRungThatLostANeedOnCostSaysWhichComparisonDecided() throws Exception {
        Decision d = Fixtures.advisor().decide(Path.of("facts/seed000-7b-replaces-70b.yaml"));
        Decision.WhyNot prompting = whyNot(d).get("PROMPTING");

        assertThat(d.recommendation().approach()).isEqualTo("FINE_TUNING");
        assertThat(prompting.rules()).startsWith("W-10", "V-13", "V-34");
        assertThat(prompting.reason()).startsWith("PROMPTING is not recommended: the cost of 3,000,000 requests a day takes"
                + " fine-tuning (distillation) for efficiency, as prompting the large model loses on cost to the fine-tune:"
                + " the fine-tune, at $261 a day against $4,800,").contains("the fine-tune, at $261 a day against $288,");
        // retrieval had no option for that need: it simply does not give what the need takes
        assertThat(whyNot(d).get("RAG").rules()).startsWith("W-07");
    }

    @Test
    void aCheaperRungTriedAndFallenShortSaysSo() throws Exception {
        Decision d = Fixtures.advisor().decide(Path.of("facts/tone-prompt-fell-short.yaml"));

        assertThat(whyNot(d).get("PROMPTING").rules()).startsWith("W-09", "X-02");
        assertThat(whyNot(d).get("PROMPTING").reason()).contains("as attempts[0] tried PROMPTING with persona and the"
                + " outcome was partial");
    }

    @Test
    void everyViewGivesTheSameWhyNots() throws Exception {
        Decision d = Fixtures.advisor().decide(Path.of("facts/fine-tune-pays-back-too-late.yaml"));

        String text = dev.ladder.report.TextReport.render(d);
        String markdown = dev.ladder.report.MarkdownReport.render(d);
        String html = dev.ladder.report.HtmlReport.render(d);
        String json = dev.ladder.report.DecisionJson.line(d);
        for (Decision.WhyNot w : d.whyNot()) {
            assertThat(text).contains(w.reason(), String.join(", ", w.rules()));
            assertThat(markdown.replace("\\", "")).as("markdown, escapes aside").contains(w.reason());
            assertThat(html).contains(dev.ladder.report.HtmlReport.esc(w.reason()));
            assertThat(json).contains(w.reason().replace("\"", "\\\""));
        }
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
