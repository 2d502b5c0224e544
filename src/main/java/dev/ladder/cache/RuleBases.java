package dev.ladder.cache;

import dev.ladder.LadderException;
import dev.ladder.rulebase.Parameters;
import dev.ladder.rulebase.RuleBase;
import dev.ladder.rulebase.RuleFiles;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Rule bases without compiling them again: one this process already has (a long-lived process,
 * the daemon or a tool embedding the API, keeps the last few), else one saved by an earlier run
 * in the {@link RuleCache}, else compiled now and saved. A rule base that differs from one in
 * memory only in its parameters shares its compiled rules.
 */
public final class RuleBases {
    private static final int RECENT = 3;
    /** Keyed by the rule set's hash and how its directory is displayed; the most recently used last. */
    private static final Map<String, RuleBase> recent = new LinkedHashMap<>(RECENT + 1, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RuleBase> eldest) {
            return size() > RECENT;
        }
    };

    private RuleBases() {
    }

    /** The rule base of {@code files}, from memory, the user's cache, or compiled. */
    public static RuleBase load(RuleFiles files) throws LadderException.BadInput {
        String key = files.sha256() + " " + files.display();
        RuleBase sameRules = null;
        synchronized (recent) {
            RuleBase known = recent.get(key);
            if (known != null) {
                return known;
            }
            for (RuleBase other : recent.values()) {
                if (other.files().display().equals(files.display()) && other.files().drlSha256().equals(files.drlSha256())) {
                    sameRules = other;
                }
            }
        }
        RuleBase loaded = sameRules != null ? sameRules.withParametersOf(files)
                : load(files, RuleCache.standard().orElse(null));
        synchronized (recent) {
            recent.put(key, loaded);
        }
        return loaded;
    }

    /** The rule base of {@code files} from {@code cache} when it holds them, else compiled and saved there (none: compiled). */
    static RuleBase load(RuleFiles files, RuleCache cache) throws LadderException.BadInput {
        String parametersSha256 = files.sha256Of(Parameters.FILE);
        if (cache != null) {
            Optional<RuleCache.Compiled> cached = cache.load(files.drlSha256(), parametersSha256);
            if (cached.isPresent()) {
                Parameters parameters = cached.get().parameters() != null ? cached.get().parameters()
                        : RuleBase.parameters(files);
                return RuleBase.restored(files, parameters, cached.get().rules(), cached.get().packages());
            }
        }
        RuleBase compiled = RuleBase.compile(files);
        if (cache != null) {
            // the files' packages as merged into one: restoring one package is faster than fourteen
            cache.save(files.drlSha256(), compiled.kieBase().getKiePackages(), compiled.rules(), parametersSha256,
                    compiled.parameters());
        }
        return compiled;
    }
}
