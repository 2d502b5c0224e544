package dev.ladder.engine;

import dev.ladder.model.Blocked;
import dev.ladder.model.Chosen;
import dev.ladder.model.Exhausted;
import dev.ladder.model.Option;
import dev.ladder.model.Overridden;
import dev.ladder.model.Recommendation;
import dev.ladder.model.Unmet;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The deciding path: the fired rules whose conclusions the recommendation rests on, derived from
 * the captured trail. It starts at the rule that made the recommendation and follows what each
 * rule used back to the rules that concluded it; for each need's chosen option it adds the rules
 * that closed the cheaper options of that need (or every other option, where the need fell back)
 * and the rules that lifted a block from the chosen one.
 */
final class DecidingPath {
    private DecidingPath() {
    }

    static List<Integer> of(Capture recorder, Recommendation recommendation, Map<Object, String> overriddenBy) {
        Set<Capture.Fired> path = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Capture.Fired> todo = new ArrayDeque<>();
        push(todo, recorder.concludedBy(recommendation));
        while (!todo.isEmpty()) {
            Capture.Fired fired = todo.pop();
            if (!path.add(fired)) {
                continue;
            }
            fired.uses().forEach(used -> push(todo, recorder.concludedBy(used)));
            for (Object conclusion : fired.concludes()) {
                if (conclusion instanceof Chosen chosen && !overriddenBy.containsKey(chosen)) {
                    closersOfAlternatives(recorder, chosen, overriddenBy, todo);
                }
            }
        }
        Set<Integer> seqs = new TreeSet<>();
        path.forEach(f -> seqs.add(f.seq()));
        return List.copyOf(seqs);
    }

    /** The rules that closed the options the chosen one won over, and those that lifted its blocks. */
    private static void closersOfAlternatives(Capture recorder, Chosen chosen, Map<Object, String> overriddenBy,
                                              Deque<Capture.Fired> todo) {
        boolean fellBack = recorder.conclusions().stream()
                .anyMatch(c -> c instanceof Unmet unmet && unmet.getNeed() == chosen.getNeed());
        for (Object conclusion : recorder.conclusions()) {
            if (!(conclusion instanceof Option option) || option.getNeed() != chosen.getNeed()) {
                continue;
            }
            if (option == chosen.getOption()) {
                liftedBlocks(recorder, option, overriddenBy, todo);
            } else if (fellBack || option.getApproach().getRank() < chosen.getApproach().getRank()) {
                closers(recorder, option, overriddenBy, todo);
            }
        }
    }

    private static void closers(Capture recorder, Option option, Map<Object, String> overriddenBy,
                                Deque<Capture.Fired> todo) {
        for (Object conclusion : recorder.conclusions()) {
            if (conclusion instanceof Overridden o && o.getTarget() == option
                    || conclusion instanceof Exhausted e && e.closes(option)
                    || conclusion instanceof Blocked b && b.blocks(option) && !overriddenBy.containsKey(b)) {
                push(todo, recorder.concludedBy(conclusion));
            }
        }
    }

    private static void liftedBlocks(Capture recorder, Option option, Map<Object, String> overriddenBy,
                                     Deque<Capture.Fired> todo) {
        for (Object conclusion : recorder.conclusions()) {
            if (conclusion instanceof Overridden o && o.getTarget() instanceof Blocked b && b.blocks(option)) {
                push(todo, recorder.concludedBy(conclusion));
            }
        }
    }

    private static void push(Deque<Capture.Fired> todo, Capture.Fired fired) {
        if (fired != null) {
            todo.push(fired);
        }
    }
}
