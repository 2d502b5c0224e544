package dev.ladder.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ladder.Decision;
import dev.ladder.Fixtures;
import dev.ladder.LadderException;
import dev.ladder.model.Approach;
import dev.ladder.model.Range;
import dev.ladder.model.Scenario;
import dev.ladder.read.FactSpace;
import dev.ladder.read.ScenarioReader;
import dev.ladder.rules.ScenarioGenerator;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code missingFacts} is a set of claims about re-deciding, checked here by re-deciding: every
 * listed fact leads where its entry says (sound), and every unknown fact that alone changes the
 * recommendation for some value is listed (complete): its approach or techniques at the values
 * re-deciding tries, its approach also at random numbers off them. A value under which facts
 * contradict each other that did not before is not one the fact can take, and is not counted.
 */
class PivotalFactsPropertyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Provide
    Arbitrary<ObjectNode> scenarios() {
        return ScenarioGenerator.sparse();
    }

    @Property(tries = 100)
    void everyMissingFactIsPivotalAndEveryFactThatAloneChangesTheAnswerIsMissing(
            @ForAll("scenarios") ObjectNode json, @ForAll long seed) {
        Scenario scenario = parse(json);
        Decision decision = decide(scenario);
        Statistics.label("missing facts").collect(decision.missingFacts().size());
        Statistics.label("with given").collect(decision.missingFacts().stream().anyMatch(m -> !m.leadsTo().given().isEmpty()));
        sound(scenario, decision);
        complete(scenario, decision, new Random(seed));
        Statistics.label("unknown figures").collect(decision.unknownFigures().size());
        soundFigures(scenario, decision);
    }

    @Example
    void aPlantedFalseFigureIsCaught() throws Exception {
        Scenario scenario = ScenarioReader.read(Fixtures.FACTS.resolve("token-counts-unknown.yaml"));
        Decision decision = decide(scenario);
        Decision.UnknownFigure real = decision.unknownFigures().get(0);
        Decision.Shows s = real.shows();
        java.util.Map<String, java.math.BigDecimal> off = new java.util.TreeMap<>(s.figures());
        off.replaceAll((item, value) -> value.add(java.math.BigDecimal.ONE));
        Decision.UnknownFigure planted = new Decision.UnknownFigure(real.fact(), real.figures(), real.defaultUsed(), real.why(),
                real.rule(), new Decision.Shows(s.path(), s.value(), s.given(), off, s.unknown()));
        assertThatThrownBy(() -> soundFigures(scenario, withFigures(decision, List.of(planted))))
                .isInstanceOf(AssertionError.class).hasMessageContaining(real.fact());
    }

    /**
     * Each unknown figure is what its entry says: not a missing fact; with its {@code given}, the
     * fact at {@code value} gives the figures shown, and left unknown the figures shown as
     * unknown, the two differ, and both decide the record's recommendation; its default, where
     * named, gives the figures left unknown (a price's is the rule base's list price).
     */
    static void soundFigures(Scenario scenario, Decision decision) {
        ObjectNode base = FactSpace.tree(scenario);
        Decider.Outcome recorded = new Decider.Outcome(Approach.valueOf(decision.recommendation().approach()),
                decision.recommendation().techniques());
        Set<String> missing = new HashSet<>();
        decision.missingFacts().forEach(m -> missing.add(m.fact()));
        for (Decision.UnknownFigure u : decision.unknownFigures()) {
            assertThat(missing).as("%s is listed once", u.fact()).doesNotContain(u.fact());
            Decision.Shows s = u.shows();
            assertThat(s.path()).isEqualTo(u.fact());
            assertThat(FactSpace.unknown(base, u.fact())).as("%s is unknown", u.fact()).isTrue();
            ObjectNode given = base.deepCopy();
            s.given().forEach((path, value) -> {
                assertThat(FactSpace.unknown(base, path)).as("%s: given %s is an unknown fact", u.fact(), path).isTrue();
                FactSpace.set(given, path, JSON.valueToTree(value));
            });
            Decider.Probed at = probed(FactSpace.with(given, s.path(), JSON.valueToTree(s.value())));
            Decider.Probed left = probed(given);
            assertThat(at.outcome()).as("%s = %s keeps the recommendation", u.fact(), s.value()).isEqualTo(recorded);
            assertThat(left.outcome()).as("%s left unknown with %s keeps the recommendation", u.fact(), s.given())
                    .isEqualTo(recorded);
            assertThat(shown(at, u.figures())).as("%s = %s with %s gives the figures shown", u.fact(), s.value(), s.given())
                    .isEqualTo(s.figures());
            assertThat(shown(left, u.figures())).as("%s left unknown with %s gives the figures shown", u.fact(), s.given())
                    .isEqualTo(s.unknown());
            assertThat(s.figures()).as("%s moves a figure", u.fact()).isNotEqualTo(s.unknown());
            if (u.defaultUsed() != null && !u.fact().startsWith("pricing.")) {
                assertThat(shown(probed(FactSpace.with(given, s.path(), JSON.valueToTree(u.defaultUsed()))), u.figures()))
                        .as("%s = %s, its default, gives the figures left unknown", u.fact(), u.defaultUsed())
                        .isEqualTo(s.unknown());
            } else if (u.defaultUsed() != null) {
                assertThat(u.defaultUsed()).isEqualTo(dev.ladder.model.Numbers.round(
                        Fixtures.ruleBase().parameters().get(u.fact()).getValue()));
            }
        }
    }

    /**
     * As an auditor checks it: each entry's two re-decisions written as scenarios and decided in
     * full, their records' costs against the entry, and the default where one is named.
     */
    @Example
    void everyUnknownFigureHoldsWhenItsVariantsAreDecidedInFull() throws Exception {
        for (String name : List.of("mostly-unknown.yaml", "lifetime-unknown-horizon-assumed.yaml")) {
            Scenario scenario = ScenarioReader.read(Fixtures.FACTS.resolve(name));
            Decision decision = decide(scenario);
            assertThat(decision.unknownFigures()).as(name).isNotEmpty();
            ObjectNode base = FactSpace.tree(scenario);
            for (Decision.UnknownFigure u : decision.unknownFigures()) {
                Decision.Shows s = u.shows();
                ObjectNode given = base.deepCopy();
                s.given().forEach((path, value) -> FactSpace.set(given, path, JSON.valueToTree(value)));
                Decision at = decide(FactSpace.scenario(FactSpace.with(given, s.path(), JSON.valueToTree(s.value()))));
                Decision left = decide(FactSpace.scenario(given));
                assertThat(costs(at, u.figures())).as("%s: %s = %s", name, u.fact(), s.value()).isEqualTo(s.figures());
                assertThat(costs(left, u.figures())).as("%s: %s left unknown", name, u.fact()).isEqualTo(s.unknown());
                for (Decision d : List.of(at, left)) {
                    assertThat(d.recommendation().approach()).isEqualTo(decision.recommendation().approach());
                    assertThat(d.recommendation().techniques()).isEqualTo(decision.recommendation().techniques());
                }
                if (s.given().isEmpty()) {
                    assertThat(costs(decision, u.figures())).as("%s: the record's own costs", u.fact()).isEqualTo(s.unknown());
                }
            }
        }
    }

    /** A record's cost figures among {@code items}. */
    private static java.util.Map<String, java.math.BigDecimal> costs(Decision decision, List<String> items) {
        java.util.Map<String, java.math.BigDecimal> costs = new java.util.TreeMap<>();
        decision.costs().figures().stream().filter(f -> items.contains(f.item())).forEach(f -> costs.put(f.item(), f.value()));
        return costs;
    }

    /** The figures of {@code probed} among {@code items}, rounded as a record rounds them. */
    private static java.util.Map<String, java.math.BigDecimal> shown(Decider.Probed probed, List<String> items) {
        java.util.Map<String, java.math.BigDecimal> shown = new java.util.TreeMap<>();
        probed.items().forEach((item, value) -> {
            if (items.contains(item)) {
                shown.put(item, dev.ladder.model.Numbers.round(value));
            }
        });
        return shown;
    }

    private static Decision withFigures(Decision d, List<Decision.UnknownFigure> figures) {
        return new Decision(d.recordVersion(), d.decisionId(), d.scenario(), d.title(), d.recommendation(), d.decidingPath(),
                d.whyNot(), d.ladder(), d.warnings(), d.missingFacts(), figures, d.costs(), d.trail(), d.ruleset(),
                d.inputSha256(), d.engine(), d.decidedAt());
    }

    @Example
    void aPlantedFalseEntryIsCaught() {
        Scenario scenario = Fixtures.yaml(MOSTLY_UNKNOWN);
        Decision decision = decide(scenario);
        Decision.MissingFact real = decision.missingFacts().get(0);
        Decision.LeadsTo l = real.leadsTo();
        String elsewhere = l.approach().equals("FINE_TUNING") ? "RAG" : "FINE_TUNING";
        Decision.MissingFact planted = new Decision.MissingFact(real.fact(), real.why(), real.rule(),
                new Decision.LeadsTo(l.path(), l.value(), elsewhere, l.techniques(), l.given(), l.otherwise()));
        assertThatThrownBy(() -> sound(scenario, withMissing(decision, List.of(planted))))
                .isInstanceOf(AssertionError.class).hasMessageContaining(real.fact());
    }

    @Example
    void aPlantedOmissionIsCaught() {
        Scenario scenario = Fixtures.yaml(MOSTLY_UNKNOWN);
        Decision decision = decide(scenario);
        assertThat(decision.missingFacts()).extracting(Decision.MissingFact::fact).contains("needs.knowledge");
        List<Decision.MissingFact> without = decision.missingFacts().stream()
                .filter(m -> !m.fact().equals("needs.knowledge")).toList();
        assertThatThrownBy(() -> complete(scenario, withMissing(decision, without), new Random(1)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("needs.knowledge");
    }

    private static final String MOSTLY_UNKNOWN = "id: planted\ntask: { kind: question-answering }\n";

    /** Each entry: its value leads where it says, and its other value (or the fact left unknown) does not. */
    static void sound(Scenario scenario, Decision decision) {
        ObjectNode base = FactSpace.tree(scenario);
        for (Decision.MissingFact m : decision.missingFacts()) {
            Decision.LeadsTo l = m.leadsTo();
            assertThat(l).as("%s carries a re-decision", m.fact()).isNotNull();
            assertThat(l.path()).isEqualTo(m.fact());
            ObjectNode given = base.deepCopy();
            l.given().forEach((path, value) -> {
                assertThat(FactSpace.unknown(base, path)).as("%s: given %s is an unknown fact", m.fact(), path).isTrue();
                FactSpace.set(given, path, JSON.valueToTree(value));
            });
            Decider.Outcome claimed = new Decider.Outcome(Approach.valueOf(l.approach()), l.techniques());
            Decider.Outcome at = outcome(FactSpace.with(given, l.path(), JSON.valueToTree(l.value())));
            assertThat(at).as("%s = %s with %s leads where the record says", m.fact(), l.value(), l.given())
                    .isEqualTo(claimed);
            if (l.otherwise() != null) {
                Decider.Outcome other = outcome(FactSpace.with(given, l.path(), JSON.valueToTree(l.otherwise().value())));
                assertThat(other).as("%s = %s with %s", m.fact(), l.otherwise().value(), l.given())
                        .isEqualTo(new Decider.Outcome(Approach.valueOf(l.otherwise().approach()), l.otherwise().techniques()))
                        .isNotEqualTo(claimed);
            } else {
                assertThat(outcome(given)).as("%s left unknown with %s", m.fact(), l.given()).isNotEqualTo(claimed);
            }
        }
    }

    /**
     * Every unknown fact that alone changes the recommendation is listed: its approach or
     * techniques at a value re-deciding tries (the grid, and beside the parameters and figures of
     * the fact's unit), its approach at numbers drawn at random over the fact's range.
     */
    static void complete(Scenario scenario, Decision decision, Random random) {
        ObjectNode base = FactSpace.tree(scenario);
        Decider.Probed now = probed(base);
        Decider.Outcome recorded = new Decider.Outcome(Approach.valueOf(decision.recommendation().approach()),
                decision.recommendation().techniques());
        assertThat(now.outcome()).isEqualTo(recorded);
        Set<String> listed = new HashSet<>();
        decision.missingFacts().forEach(m -> listed.add(m.fact()));
        for (FactSpace.Fact fact : FactSpace.facts()) {
            if (!FactSpace.unknown(base, fact.path()) || listed.contains(fact.path())) {
                continue;
            }
            for (JsonNode value : tried(fact, now)) {
                Decider.Probed at = probed(FactSpace.with(base, fact.path(), value));
                if (now.contradictions().containsAll(at.contradictions())) {
                    assertThat(at.outcome()).as("%s = %s changes the recommendation, so it must be listed as missing",
                            fact.path(), value).isEqualTo(recorded);
                }
            }
            for (JsonNode value : random(fact, random)) {
                Decider.Probed at = probed(FactSpace.with(base, fact.path(), value));
                if (now.contradictions().containsAll(at.contradictions())) {
                    assertThat(at.outcome().approach()).as("%s = %s changes the approach, so it must be listed as missing",
                            fact.path(), value).isEqualTo(recorded.approach());
                }
            }
        }
    }

    /** The grid's values with those beside the parameters and figures of the fact's unit. */
    private static List<JsonNode> tried(FactSpace.Fact fact, Decider.Probed now) {
        java.util.Map<String, List<Double>> marks = new java.util.HashMap<>(decider().parameterMarks());
        now.figures().forEach((unit, v) -> marks.merge(unit, v, (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList()));
        return FactSpace.values(fact, marks);
    }

    /** Three numbers drawn at random over a numeric fact's range; none for a code or a boolean. */
    private static List<JsonNode> random(FactSpace.Fact fact, Random random) {
        List<JsonNode> values = new ArrayList<>();
        Range range = fact.field().getAnnotation(Range.class);
        if (range != null) {
            boolean integral = fact.field().getType() == Long.class;
            for (int i = 0; i < 3; i++) {
                double value = range.max() <= 1 ? random.nextDouble() * range.max() : Math.pow(10, random.nextDouble() * 7);
                values.add(FactSpace.number(integral ? Math.max(range.minExclusive() ? 1 : 0, Math.round(value))
                        : Math.round(value * 1000) / 1000.0, integral));
            }
        }
        return values;
    }

    private static Decision withMissing(Decision d, List<Decision.MissingFact> missing) {
        return new Decision(d.recordVersion(), d.decisionId(), d.scenario(), d.title(), d.recommendation(), d.decidingPath(),
                d.whyNot(), d.ladder(), d.warnings(), missing, d.unknownFigures(), d.costs(), d.trail(), d.ruleset(), d.inputSha256(),
                d.engine(), d.decidedAt());
    }

    private static Decider decider;

    private static synchronized Decider decider() {
        if (decider == null) {
            decider = new Decider(Fixtures.ruleBase());
        }
        return decider;
    }

    private static Decision decide(Scenario scenario) {
        try {
            return decider().decide(scenario, "generated.json");
        } catch (LadderException e) {
            throw new AssertionError(e.problems().toString(), e);
        }
    }

    private static Decider.Outcome outcome(ObjectNode tree) {
        return probed(tree).outcome();
    }

    private static Decider.Probed probed(ObjectNode tree) {
        try {
            return decider().outcome(FactSpace.scenario(tree), "varied.json");
        } catch (LadderException e) {
            throw new AssertionError(e.problems().toString(), e);
        }
    }

    private static Scenario parse(ObjectNode json) {
        try {
            return ScenarioReader.parse("generated.json", JSON.writeValueAsBytes(json));
        } catch (LadderException.BadInput | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(json.toString(), e);
        }
    }
}
