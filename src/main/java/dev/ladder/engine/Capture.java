package dev.ladder.engine;

import dev.ladder.rulebase.RuleInfo;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one decision's session did, captured as it happened and not changed after: every fired
 * rule in firing order and every conclusion in insertion order. The record, the deciding path
 * and the overrides are views derived from it.
 *
 * @param fired       every fired rule, in firing order
 * @param conclusions every conclusion a rule inserted, in insertion order
 * @param concludedBy the firing that inserted each conclusion (by identity)
 */
record Capture(List<Fired> fired, List<Object> conclusions, Map<Object, Fired> concludedBy) {

    /**
     * One fired rule: its metadata, its reason filled with the actual values, the scenario facts
     * and parameters its conditions read, the conclusions it used and those it inserted.
     */
    record Fired(int seq, RuleInfo rule, String reason, Map<String, Object> facts, List<Object> uses,
                 List<Object> concludes) {
    }

    Capture {
        fired = List.copyOf(fired);
        conclusions = List.copyOf(conclusions);
        concludedBy = Collections.unmodifiableMap(new IdentityHashMap<>(concludedBy));
    }

    /** The firing of the rule that inserted {@code conclusion}, or null for a fact of the scenario. */
    Fired concludedBy(Object conclusion) {
        return concludedBy.get(conclusion);
    }
}
