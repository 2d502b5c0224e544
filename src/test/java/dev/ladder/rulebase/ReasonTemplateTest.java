package dev.ladder.rulebase;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A finding quoted inside another rule's reason reads as a clause of that sentence. */
class ReasonTemplateTest {

    @Test
    void aQuotedReasonLosesItsFullStopAndTheCapitalOfAnOrdinaryFirstWord() {
        assertThat(ReasonTemplate.clause("The model is closed-api: no fine-tuning job can run."))
                .isEqualTo("the model is closed-api: no fine-tuning job can run");
        assertThat(ReasonTemplate.clause("A wrong answer costs little.")).isEqualTo("a wrong answer costs little");
        assertThat(ReasonTemplate.clause("RAG already works.")).isEqualTo("RAG already works");
        assertThat(ReasonTemplate.clause("OpenAI says so")).isEqualTo("OpenAI says so");
        assertThat(ReasonTemplate.clause("attempts[0] tried PROMPTING.")).isEqualTo("attempts[0] tried PROMPTING");
        assertThat(ReasonTemplate.clause("40 labelled examples is fewer than 50.")).isEqualTo("40 labelled examples is fewer than 50");
        assertThat(ReasonTemplate.clause("")).isEmpty();
    }

    @Test
    void theReasonOfWhatAVariableIsBoundToResolvesOnlyWhenTheVariableIsBound() {
        Parameters none = Parameters.of(List.of());
        assertThat(ReasonTemplate.resolvable("$b.reason", Set.of("$b"), none)).isTrue();
        assertThat(ReasonTemplate.resolvable("$b.reason", Set.of("$c"), none)).isFalse();
        assertThat(ReasonTemplate.resolvable("$b.other", Set.of("$b"), none)).isFalse();
        assertThat(ReasonTemplate.placeholders("{$a} is not recommended: {$blocks.reason}."))
                .isEqualTo(List.of("$a", "$blocks.reason"));
    }
}
