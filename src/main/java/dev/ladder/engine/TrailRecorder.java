package dev.ladder.engine;

import dev.ladder.model.Attempt;
import dev.ladder.model.Coded;
import dev.ladder.model.Group;
import dev.ladder.model.Numbers;
import dev.ladder.model.Param;
import dev.ladder.model.Scenario;
import dev.ladder.rulebase.Beans;
import dev.ladder.rulebase.ReasonTemplate;
import dev.ladder.rulebase.RuleBase;
import dev.ladder.rulebase.RuleInfo;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.rule.Match;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Captures every fired rule as it fires: its metadata, the facts its conditions read, the
 * conclusions it used and the ones it inserted, and its reason filled with the actual values.
 * One listener; the record's views are rendered from what it keeps.
 */
final class TrailRecorder extends DefaultAgendaEventListener implements RuleRuntimeEventListener {

    /** A rule firing now: what it read, and the conclusions its consequence inserts. */
    private static final class Firing {
        final int seq;
        final RuleInfo rule;
        final String reason;
        final Map<String, Object> facts;
        final List<Object> uses;
        final List<Object> concludes = new ArrayList<>();

        Firing(int seq, RuleInfo rule, String reason, Map<String, Object> facts, List<Object> uses) {
            this.seq = seq;
            this.rule = rule;
            this.reason = reason;
            this.facts = facts;
            this.uses = uses;
        }

        Capture.Fired captured() {
            return new Capture.Fired(seq, rule, reason, Collections.unmodifiableMap(facts), List.copyOf(uses),
                    List.copyOf(concludes));
        }
    }

    private final RuleBase ruleBase;
    private final Scenario scenario;
    private final Map<String, Param> params;
    private final List<Firing> fired = new ArrayList<>();
    private final Map<Object, Firing> concludedBy = new IdentityHashMap<>();
    private final List<Object> conclusions = new ArrayList<>();
    private Firing current;

    TrailRecorder(RuleBase ruleBase, Scenario scenario, Map<String, Param> params) {
        this.ruleBase = ruleBase;
        this.scenario = scenario;
        this.params = params;
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        Match match = event.getMatch();
        RuleInfo rule = ruleBase.rule(match.getRule().getName());
        Map<String, Object> facts = new LinkedHashMap<>();
        List<Object> uses = new ArrayList<>();
        for (Object object : match.getObjects()) {
            if (object instanceof Param param) {
                facts.put(param.isFromScenario() ? param.getName() + " (scenario)" : param.getName(),
                        json(param.getValue()));
            } else if (object instanceof Attempt attempt) {
                readInto(facts, "attempts[" + attempt.getIndex() + "]", attempt, rule);
            } else if (object != null && Group.ofType(object.getClass()).isPresent()) {
                readInto(facts, Group.ofType(object.getClass()).get().key(), object, rule);
            } else if (object != null && isConclusion(object) && !uses.contains(object)) {
                uses.add(object);
            } else if (object instanceof java.util.Collection<?> accumulated) {
                // what an accumulate collected: the conclusions it gathered were used too
                for (Object item : accumulated) {
                    if (item != null && isConclusion(item) && !uses.contains(item)) {
                        uses.add(item);
                    }
                }
            }
        }
        List<String> declared = match.getDeclarationIds();
        String reason = ReasonTemplate.fill(rule.reason(), id -> {
            if (id.endsWith(ReasonTemplate.REASON)) {
                String bound = id.substring(0, id.length() - ReasonTemplate.REASON.length());
                return declared.contains(bound) ? reasonsOf(match.getDeclarationValue(bound)) : null;
            }
            return declared.contains(id) ? match.getDeclarationValue(id) : null;
        }, params, scenario);
        current = new Firing(fired.size() + 1, rule, reason, facts, uses);
        fired.add(current);
    }

    /**
     * The reasons of the rules that concluded {@code value} (each element, when it is a list), as
     * clauses in trail order, each once: what a rule quotes as the finding it rests on.
     */
    private String reasonsOf(Object value) {
        if (value == null) {
            return null;
        }
        List<?> conclusions = value instanceof java.util.Collection<?> many ? List.copyOf(many) : List.of(value);
        String reasons = conclusions.stream().map(concludedBy::get).filter(java.util.Objects::nonNull)
                .sorted(java.util.Comparator.comparingInt((Firing f) -> f.seq))
                .map(f -> ReasonTemplate.clause(f.reason)).distinct()
                .collect(java.util.stream.Collectors.joining("; "));
        return reasons.isEmpty() ? null : reasons; // no rule concluded it: the placeholder reads "unknown"
    }

    private static boolean isConclusion(Object object) {
        return object.getClass().getPackage() == Param.class.getPackage();
    }

    private void readInto(Map<String, Object> facts, String prefix, Object bean, RuleInfo rule) {
        for (String property : ruleBase.propertiesRead(rule, bean.getClass())) {
            facts.put(prefix + "." + property, json(Beans.read(bean, property)));
        }
    }

    /** A value as the record stores it: codes for enums, rounded decimals. */
    static Object json(Object value) {
        if (value instanceof Coded coded) {
            return coded.code();
        }
        if (value instanceof Double number) {
            return Double.isFinite(number) ? Numbers.round(number) : Numbers.format(number);
        }
        return value;
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        current = null;
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        if (event.getRule() != null && current != null) {
            Object conclusion = event.getObject();
            current.concludes.add(conclusion);
            concludedBy.put(conclusion, current);
            conclusions.add(conclusion);
        }
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        // conclusions are never modified: nothing to record
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        // conclusions are never retracted: nothing to record
    }

    /** What the session did, captured: call once its rules have settled. */
    Capture capture() {
        Map<Firing, Capture.Fired> frozen = new IdentityHashMap<>();
        fired.forEach(f -> frozen.put(f, f.captured()));
        Map<Object, Capture.Fired> by = new IdentityHashMap<>();
        concludedBy.forEach((conclusion, firing) -> by.put(conclusion, frozen.get(firing)));
        return new Capture(fired.stream().map(frozen::get).toList(), conclusions, by);
    }
}
