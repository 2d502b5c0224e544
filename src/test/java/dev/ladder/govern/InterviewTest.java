package dev.ladder.govern;

import dev.ladder.Advisor;
import dev.ladder.Decision;
import dev.ladder.Fixtures;
import dev.ladder.LadderException;
import dev.ladder.Problem;
import dev.ladder.model.Approach;
import dev.ladder.model.Group;
import dev.ladder.read.ScenarioReader;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class InterviewTest {
    private final Advisor advisor = Fixtures.advisor();

    @Test
    void whenStarted_thenTheIdComesFirstAndThenAQuestionWhoseAnswerCanChangeTheRecommendation() throws Exception {
        Interview interview = Interview.start(advisor);

        Interview.Question first = interview.next().orElseThrow();
        assertThat(first.field()).isEqualTo("id");
        assertThat(interview.answer(first, "chat-helper")).isEmpty();
        Interview.Question second = interview.next().orElseThrow();
        String before = interview.provisional().approach();

        assertThat(second.couldLeadTo()).isNotEmpty().doesNotContain(before);
        // the claim holds: one of its answers does lead there
        List<String> reached = new ArrayList<>();
        for (String choice : second.choices()) {
            Interview other = Interview.start(advisor);
            other.answer(other.next().orElseThrow(), "chat-helper");
            assertThat(other.answer(other.next().orElseThrow(), choice)).isEmpty();
            reached.add(other.provisional().approach());
        }
        assertThat(reached).containsAnyElementsOf(second.couldLeadTo());
    }

    @Test
    void whenAnAnswerDecidesTheNextQuestions_thenTheOrderFollowsTheRulesNotAList() throws Exception {
        Interview knowledge = started("proprietary");
        Interview none = started("none");

        assertThat(knowledge.provisional().approach()).isEqualTo("RAG");
        assertThat(none.provisional().approach()).isEqualTo("PROMPTING");
        // each next question is one that could move away from where that answer led
        assertThat(knowledge.next().orElseThrow().couldLeadTo()).doesNotContain("RAG").isNotEmpty();
        assertThat(none.next().orElseThrow().couldLeadTo()).doesNotContain("PROMPTING").isNotEmpty();
    }

    @Test
    void whenAnAnswerIsNotAValueTheFileWouldAccept_thenItIsRefusedNamingTheFieldAndNothingChanges() throws Exception {
        Interview interview = started("proprietary");
        Interview.Question first = interview.next().orElseThrow();
        while (first.kind() != Interview.Kind.INTEGER) {
            interview.skip(first);
            first = interview.next().orElseThrow();
        }
        Interview.Question question = first;
        String before = new String(interview.file("s.yaml"), StandardCharsets.UTF_8);

        List<Problem> problems = interview.answer(question, "lots");
        List<Problem> negative = interview.answer(question, "-5");

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo(question.field());
            assertThat(p.message()).contains("'lots'", "integer");
        });
        assertThat(negative).singleElement().satisfies(p -> assertThat(p.message()).contains(">= 0"));
        // a number too large to write out is refused at once; digits of other scripts are not numbers in a file
        assertThat(interview.answer(question, "1e99999999")).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("'1e99999999' is too large"));
        assertThat(interview.answer(question, "\u0661\u0660")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("string"));
        assertThat(interview.isAsked(question)).isFalse();
        assertThat(new String(interview.file("s.yaml"), StandardCharsets.UTF_8)).isEqualTo(before);
    }

    @Test
    void whenAChoiceIsTypedByItsNumber_thenItIsTheChoiceInTheList() throws Exception {
        Interview interview = Interview.start(advisor);
        interview.answer(interview.next().orElseThrow(), "numbered");
        Interview.Question question = interview.next().orElseThrow();

        assertThat(interview.answer(question, "3")).isEmpty();

        assertThat(new String(interview.file("s.yaml"), StandardCharsets.UTF_8))
                .contains(question.field().substring(question.field().indexOf('.') + 1) + ": " + question.choices().get(2));
    }

    @Test
    void whenEveryFactIsLeftUnknown_thenTheInterviewEndsAndWritesAValidScenario() throws Exception {
        Interview interview = Interview.start(advisor);
        interview.answer(interview.next().orElseThrow(), "unknown-everything");
        int asked = 0;
        for (Optional<Interview.Question> q = interview.next(); q.isPresent(); q = interview.next()) {
            interview.skip(q.get());
            asked++;
        }

        assertThat(asked).isLessThan(40);
        assertThat(ScenarioReader.parse("s.json", interview.file("s.json")).getId()).isEqualTo("unknown-everything");
    }

    @Test
    void everyQuestionHasWords() {
        List<String> fields = new ArrayList<>(List.of("id"));
        for (Group group : Group.values()) {
            if (group.isFact()) {
                Arrays.stream(group.type().getDeclaredFields())
                        .filter(f -> !Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers()))
                        .forEach(f -> fields.add(group.key() + "." + f.getName()));
            }
        }
        Arrays.stream(Approach.values()).filter(Approach::acceptedInScenarios).forEach(a -> fields.add("attempts." + a.code()));

        assertThat(Interview.worded()).containsAll(fields);
    }

    /**
     * Whatever is answered, and wherever the user stops (here after at most 12 questions), the
     * file reads back and deciding it gives what the interview said.
     */
    @Property(tries = 4)
    void whateverIsAnswered_theFileDecidesAsTheInterviewSaid(@ForAll @IntRange(min = 0, max = 1_000_000) int seed)
            throws LadderException {
        Random random = new Random(seed);
        Interview interview = Interview.start(advisor);
        interview.answer(interview.next().orElseThrow(), "prop-" + seed);
        int asked = 0;
        for (Optional<Interview.Question> q = interview.next(); q.isPresent() && asked < 12; q = interview.next()) {
            Interview.Question question = q.get();
            asked++;
            if (!question.optional()) {
                // only what the record of the answers so far lists as missing is asked before the optional questions
                assertThat(interview.provisional().missing()).as("asked " + question.field()).contains(question.field());
            }
            String answer = switch (question.kind()) {
                case BOOLEAN -> random.nextBoolean() ? "yes" : "no";
                case CHOICE -> question.choices().get(random.nextInt(question.choices().size()));
                case INTEGER -> Long.toString((long) Math.pow(10, random.nextInt(7)) * (1 + random.nextInt(5)));
                // scores and the cache discount are fractions; every other number is a count or a price
                case NUMBER -> question.field().startsWith("evaluation.") || question.field().equals("pricing.cachedInputDiscount")
                        ? "0." + random.nextInt(10) : Integer.toString(random.nextInt(5000));
                case TEXT -> "x";
            };
            if (random.nextInt(5) == 0) {
                interview.skip(question);
            } else {
                assertThat(interview.answer(question, answer)).as(question.field() + " = " + answer).isEmpty();
            }
        }
        byte[] file = interview.file("s.yaml");
        Decision decided = advisor.decide(ScenarioReader.parse("s.yaml", file), "s.yaml");

        assertThat(decided.recommendation().approach()).isEqualTo(interview.provisional().approach());
    }

    @Test
    void whenSeveralFactsAreMissing_thenTheOneWhoseValuesSplitTheRecommendationMostIsAskedFirst() throws Exception {
        Interview interview = Interview.start(advisor);
        interview.answer(interview.next().orElseThrow(), "ranked");

        List<Interview.Question> open = interview.open();
        List<Interview.Question> pivotal = open.stream().takeWhile(q -> !q.optional()).toList();

        assertThat(pivotal).hasSizeGreaterThan(1);
        assertThat(pivotal).extracting(Interview.Question::field)
                .containsExactlyInAnyOrderElementsOf(interview.provisional().missing());
        assertThat(pivotal).extracting(Interview.Question::split).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        // the claim of the first: its answers reach as many approaches as its split says
        Interview.Question first = pivotal.get(0);
        java.util.Set<String> reached = new java.util.TreeSet<>();
        for (String choice : first.choices()) {
            Interview other = Interview.start(advisor);
            other.answer(other.next().orElseThrow(), "ranked");
            assertThat(other.answer(first, choice)).isEmpty();
            reached.add(other.provisional().approach());
        }
        assertThat(reached).hasSizeGreaterThanOrEqualTo(first.split());
    }

    @Test
    void whenNoMissingFactIsLeft_thenOnlyOptionalQuestionsFollowAndTheFiguresFactsAreAmongThem() throws Exception {
        Interview interview = Interview.start(advisor);
        interview.answer(interview.next().orElseThrow(), "figures");
        Interview.Question q = interview.next().orElseThrow();
        for (int i = 0; !q.optional() && i < 40; i++) {
            interview.skip(q);
            q = interview.next().orElseThrow();
        }

        List<Interview.Question> open = interview.open();
        List<String> figures = interview.provisional().unknownFigures();

        assertThat(open).allMatch(Interview.Question::optional);
        assertThat(open).extracting(Interview.Question::field)
                .allMatch(f -> f.startsWith("attempts.") || figures.contains(f))
                .containsAnyElementsOf(figures);
        // the attempts that could change the approach come before the facts that only sharpen figures
        assertThat(open).extracting(o -> o.field().startsWith("attempts.")).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(open).filteredOn(question -> figures.contains(question.field())).allMatch(question -> question.split() == 0);
    }

    @Test
    void whenAPriceIsAnswered_thenTheWrittenFileCarriesItAndDecidesAsTheInterviewSaid() throws Exception {
        Interview interview = Interview.start(advisor);
        interview.answer(interview.next().orElseThrow(), "priced");
        Interview.Question price = new Interview.Question("pricing.cachedInputDiscount", "", Interview.Kind.NUMBER, List.of(),
                java.util.Set.of(), 0, true);

        assertThat(interview.answer(price, "0.25")).isEmpty();

        byte[] file = interview.file("s.yaml");
        assertThat(new String(file, StandardCharsets.UTF_8)).contains("pricing:", "cachedInputDiscount: 0.25");
        assertThat(ScenarioReader.parse("s.yaml", file).getPricing().asParameters())
                .containsEntry("pricing.cachedInputDiscount", 0.25);
    }

    private Interview started(String knowledge) throws LadderException {
        Interview interview = Interview.start(advisor);
        interview.answer(interview.next().orElseThrow(), "ordering");
        Interview.Question question = interview.next().orElseThrow();
        assertThat(question.field()).isEqualTo("needs.knowledge");
        assertThat(interview.answer(question, knowledge)).isEmpty();
        return interview;
    }
}
