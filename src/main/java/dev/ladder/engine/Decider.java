package dev.ladder.engine;

import dev.ladder.Decision;
import dev.ladder.LadderException;
import dev.ladder.Problem;
import dev.ladder.model.Advice;
import dev.ladder.model.Approach;
import dev.ladder.model.Awaits;
import dev.ladder.model.Blocked;
import dev.ladder.model.Contradiction;
import dev.ladder.model.Figure;
import dev.ladder.model.Overridden;
import dev.ladder.model.Param;
import dev.ladder.model.Pending;
import dev.ladder.model.Recommendation;
import dev.ladder.model.Scenario;
import dev.ladder.rulebase.Budget;
import dev.ladder.rulebase.Parameters;
import dev.ladder.rulebase.RuleBase;
import dev.ladder.rulebase.RuleInfo;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.rule.Agenda;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one scenario through the rule base: inserts the parameters and the scenario's facts,
 * fires the phases in order under a firing limit, and hands what the rules concluded to the
 * {@link RecordAssembler}. It decides nothing itself.
 */
public final class Decider {
    private final RuleBase ruleBase;
    private final RecordAssembler assembler;
    /** Sessions are reset and reused: building a session's node memories costs more than a decision. */
    private final KieSessionsPool sessions;

    /** The parameters' values by unit: the thresholds rules compare facts with, for re-deciding to probe. */
    private final Map<String, List<Double>> parameterMarks;

    /** The rule base's list prices by parameter name: what a scenario's pricing can override. */
    private final Map<String, Double> prices;

    public Decider(RuleBase ruleBase) {
        this.ruleBase = ruleBase;
        this.assembler = new RecordAssembler(ruleBase);
        this.sessions = ruleBase.sessions();
        Map<String, List<Double>> marks = new java.util.HashMap<>();
        ruleBase.parameters().all().forEach(p -> marks.computeIfAbsent(String.valueOf(p.getUnit()), u -> new java.util.ArrayList<>())
                .add(p.getValue()));
        marks.replaceAll((unit, values) -> List.copyOf(values));
        this.parameterMarks = Map.copyOf(marks);
        Map<String, Double> prices = new java.util.HashMap<>();
        ruleBase.parameters().all().stream().filter(p -> p.getName().startsWith(dev.ladder.model.Group.PRICING.key() + "."))
                .forEach(p -> prices.put(p.getName(), p.getValue()));
        this.prices = Map.copyOf(prices);
    }

    Map<String, List<Double>> parameterMarks() {
        return parameterMarks;
    }

    /** The rule base's prices a scenario's {@code pricing} can override, by parameter name. */
    Map<String, Double> prices() {
        return prices;
    }

    /**
     * Decides one scenario; {@code scenarioName} names it in problems. First finds by re-deciding
     * which unknown facts can change the recommendation and which feed only its figures
     * ({@link PivotalFacts}), and gives the rules that evidence with the scenario's facts.
     */
    public Decision decide(Scenario scenario, String scenarioName) throws LadderException {
        PivotalFacts.Found found = PivotalFacts.of(this, scenario, scenarioName);
        List<Object> evidence = new java.util.ArrayList<>(found.pivotal());
        evidence.addAll(found.feeds());
        Map<String, Param> params = params(scenario, scenarioName);
        TrailRecorder recorder = new TrailRecorder(ruleBase, scenario, params);
        return inSession(scenario, params, evidence, recorder, RuleBase.PHASES,
                session -> assembler.assemble(scenario, recorder.capture(), params));
    }

    /**
     * How many decisions finding the scenario's pivotal facts takes: what a record costs beyond
     * the decision itself, for measuring.
     */
    public int redecisions(Scenario scenario, String scenarioName) throws LadderException {
        return PivotalFacts.of(this, scenario, scenarioName).decisions();
    }

    /** A recommendation as re-deciding compares them: the approach and the techniques. */
    record Outcome(Approach approach, List<String> techniques) {
    }

    /**
     * An outcome, the unknown facts a rung still waits for (held pending by a rule) or a conclusion
     * awaits (taken on trust until known), the topics of the blocks that rule rungs out (each
     * {@code APPROACH: topic}) and of the facts found to contradict each other, the figures the
     * rules computed and no rule overrode, by item ({@code perDay.RAG}; the lower where two rules
     * compute one item), as the record's costs show them, and every figure's value by unit, the
     * numbers facts of that unit are compared with.
     */
    record Probed(Outcome outcome, List<String> waitingFor, Set<String> blocks, Set<String> contradictions,
                  Map<String, Double> items, Map<String, List<Double>> figures) {
    }

    /** The approach and techniques alone, as {@link #recommend} finds the approach, with the facts rungs wait for. */
    Probed outcome(Scenario scenario, String scenarioName) throws LadderException {
        return inSession(scenario, params(scenario, scenarioName), List.of(), null, DECIDING_PHASES, session -> {
            Set<Object> lost = lost(session);
            List<Advice> advice = session.getObjects(o -> o instanceof Advice && !lost.contains(o)).stream()
                    .map(o -> (Advice) o).toList();
            List<String> waiting = session.getObjects(o -> (o instanceof Pending || o instanceof Awaits) && !lost.contains(o))
                    .stream().map(o -> o instanceof Pending p ? p.getFact() : ((Awaits) o).getFact()).distinct().sorted().toList();
            Set<String> blocks = new java.util.TreeSet<>();
            session.getObjects(o -> o instanceof Blocked && !(o instanceof Pending) && !lost.contains(o))
                    .forEach(o -> blocks.add(((Blocked) o).getApproach() + ": " + ((Blocked) o).getTopic()));
            Set<String> contradictions = new java.util.TreeSet<>();
            session.getObjects(o -> o instanceof Contradiction).forEach(o -> contradictions.add(((Contradiction) o).getTopic()));
            Map<String, Double> items = new java.util.TreeMap<>();
            Map<String, List<Double>> figures = new java.util.TreeMap<>();
            session.getObjects(o -> o instanceof Figure).forEach(o -> {
                Figure figure = (Figure) o;
                if (!lost.contains(figure)) {
                    items.merge(figure.getItem(), figure.getValue(), Math::min);
                }
                figures.computeIfAbsent(figure.getUnit(), u -> new java.util.ArrayList<>()).add(figure.getValue());
            });
            return new Probed(new Outcome(only(session, lost), RecordAssembler.techniques(advice)), waiting, blocks,
                    contradictions, items, figures);
        });
    }

    /**
     * The recommended approach alone: the same session and rules, without capturing the trail,
     * assembling a record or running the phase that explains the decision. For bulk exploration,
     * where only the answer matters.
     */
    public Approach recommend(Scenario scenario, String scenarioName) throws LadderException {
        return inSession(scenario, params(scenario, scenarioName), List.of(), null, DECIDING_PHASES,
                session -> only(session, lost(session)));
    }

    /** The conclusions some rule overrode. */
    private static Set<Object> lost(KieSession session) {
        Set<Object> lost = Collections.newSetFromMap(new IdentityHashMap<>());
        session.getObjects(o -> o instanceof Overridden).forEach(o -> lost.add(((Overridden) o).getTarget()));
        return lost;
    }

    /** The one recommendation no rule overrode. */
    private static Approach only(KieSession session, Set<Object> lost) throws LadderException.RuleFault {
        List<Approach> found = session.getObjects(o -> o instanceof Recommendation && !lost.contains(o)).stream()
                .map(o -> ((Recommendation) o).getApproach()).toList();
        if (found.size() != 1) {
            throw fault(null, "the rule base concluded " + found.size() + " recommendations (expected exactly one)", null);
        }
        return found.get(0);
    }

    /** What to read from a session once its rules have settled. */
    private interface Settled<T> {
        T read(KieSession session) throws LadderException;
    }

    private Map<String, Param> params(Scenario scenario, String scenarioName) throws LadderException.BadInput {
        return ruleBase.parameters().byNameForScenario(scenario.getPricing(), scenarioName);
    }

    /** The phases deciding again runs: all but the one that explains the decision. */
    private static final List<String> DECIDING_PHASES =
            RuleBase.PHASES.stream().filter(p -> !p.equals(RuleBase.EXPLAINING_PHASE)).toList();

    /** Inserts the facts, fires {@code phases} in order under the firing limit, and reads the result. */
    private <T> T inSession(Scenario scenario, Map<String, Param> params, List<?> evidence, TrailRecorder recorder,
                            List<String> phases, Settled<T> then)
            throws LadderException {
        int limit = firingLimit(params);
        KieSession session = sessions.newKieSession();
        Firing firing = new Firing();
        try {
            session.addEventListener(firing);
            params.values().forEach(session::insert);
            scenario.facts().forEach(session::insert);
            evidence.forEach(session::insert);
            if (recorder != null) {
                // after the inserts above: the recorder wants only what rules insert and fire
                session.addEventListener((AgendaEventListener) recorder);
                session.addEventListener((RuleRuntimeEventListener) recorder);
            }
            Agenda agenda = session.getAgenda();
            for (int i = phases.size() - 1; i >= 0; i--) {
                agenda.getAgendaGroup(phases.get(i)).setFocus();
            }
            Budget.start(limit(params, Parameters.TIME_LIMIT, 2_000), limit(params, Parameters.MEMORY_LIMIT, 256));
            try {
                if (fire(session, firing, limit, params) > limit) {
                    throw unsettled(firing, limit);
                }
            } finally {
                Budget.end();
            }
            return then.read(session);
        } finally {
            session.removeEventListener(firing);
            if (recorder != null) {
                session.removeEventListener((AgendaEventListener) recorder);
                session.removeEventListener((RuleRuntimeEventListener) recorder);
            }
            session.dispose();
        }
    }

    /**
     * The rule whose consequence runs now, the last one that fired, and how often each fired: who
     * to name when something goes wrong.
     */
    private final class Firing extends org.kie.api.event.rule.DefaultAgendaEventListener {
        private RuleInfo current;
        private RuleInfo last;
        private final Map<RuleInfo, Integer> counts = new java.util.HashMap<>();

        @Override
        public void beforeMatchFired(org.kie.api.event.rule.BeforeMatchFiredEvent event) {
            current = ruleBase.rule(event.getMatch().getRule().getName());
            last = current;
            counts.merge(current, 1, Integer::sum);
        }

        @Override
        public void afterMatchFired(org.kie.api.event.rule.AfterMatchFiredEvent event) {
            current = null;
        }
    }

    private LadderException.RuleFault unsettled(Firing firing, int limit) {
        String settle = "the rule base did not settle within " + Parameters.FIRING_LIMIT + " = " + limit + " firings";
        Map.Entry<RuleInfo, Integer> busiest = firing.counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElse(null);
        if (busiest == null) {
            return fault(null, settle, null);
        }
        RuleInfo rule = busiest.getKey();
        return new LadderException.RuleFault(new Problem(rule.file(), rule.line(), 1, null, "rule " + rule.id()
                + " (\"" + rule.name() + "\") fired " + busiest.getValue() + " times and " + settle
                + "; no decision was made"), null);
    }

    /**
     * Fires the phases. Whatever a rule does wrong ends here as a rule fault naming it: an
     * exception, a loop or allocation past the budget, a recursion past the stack, running out
     * of memory, or stopping the session before the decision is made.
     */
    private int fire(KieSession session, Firing firing, int limit, Map<String, Param> params)
            throws LadderException.RuleFault {
        int fired;
        try {
            fired = session.fireAllRules(limit + 1);
        } catch (RuntimeException | Budget.Exceeded | StackOverflowError | OutOfMemoryError e) {
            Throwable root = rootOf(e);
            RuleInfo named = firing.current != null ? firing.current : ruleNamedIn(e);
            if (named == null && (root instanceof Budget.Exceeded || root instanceof Error)) {
                named = firing.last; // only rule code spends the budget: the rule that was firing
            }
            if (root instanceof Budget.Exceeded exceeded) {
                throw fault(named, "it " + exceeded.what() + ", the per-decision budget (" + Parameters.TIME_LIMIT + ", "
                        + Parameters.MEMORY_LIMIT + ")", null);
            }
            if (root instanceof StackOverflowError) {
                throw fault(named, "it recursed without end (the stack overflowed)", null);
            }
            if (root instanceof OutOfMemoryError) {
                throw fault(named, "it ran out of memory", null);
            }
            boolean consequence = firing.current != null
                    || String.valueOf(e.getMessage()).startsWith("Exception executing consequence");
            throw fault(named, (consequence ? "its consequence threw " : "evaluating its conditions threw ") + describe(e), e);
        }
        if (Budget.halted()) {
            // the rule code marks a halt just before it happens: the last rule to fire halted it
            throw fault(firing.last, "it stopped the session (drools.halt()) before the decision was made", null);
        }
        return fired;
    }

    private static Throwable rootOf(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof Budget.Exceeded || root instanceof StackOverflowError || root instanceof OutOfMemoryError) {
                return root;
            }
            root = root.getCause();
        }
        return root;
    }

    /** Drools names the rule whose condition failed in the exception's message. */
    RuleInfo ruleNamedIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Matcher m = RULE_IN_MESSAGE.matcher(String.valueOf(t.getMessage()));
            if (m.find() && ruleBase.rule(m.group(1)) != null) {
                return ruleBase.rule(m.group(1));
            }
        }
        return null;
    }

    private static final Pattern RULE_IN_MESSAGE = Pattern.compile("(?:\\[Rule|for rule) \"([^\"]+)\"");

    private static LadderException.RuleFault fault(RuleInfo rule, String what, Throwable cause) {
        if (rule == null) {
            return new LadderException.RuleFault(Problem.ofFile("rules", "a rule failed: " + what
                    + "; no decision was made"), cause);
        }
        return new LadderException.RuleFault(new Problem(rule.file(), rule.line(), 1, null,
                "rule " + rule.id() + " (\"" + rule.name() + "\"): " + what + "; no decision was made"), cause);
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }

    private static int firingLimit(Map<String, Param> params) {
        return (int) limit(params, Parameters.FIRING_LIMIT, 10_000);
    }

    /** An engine parameter, kept within sane bounds; its default when the parameters file has none. */
    private static long limit(Map<String, Param> params, String name, long otherwise) {
        Param limit = params.get(name);
        return limit == null ? otherwise : (long) Math.max(1, Math.min(limit.getValue(), 10_000_000));
    }

    public RuleBase ruleBase() {
        return ruleBase;
    }
}
