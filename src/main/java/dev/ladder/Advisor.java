package dev.ladder;

import dev.ladder.model.Approach;
import dev.ladder.model.Scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The embedding API: load a rule base once, then decide scenarios with it.
 *
 * <pre>{@code
 * Advisor advisor = Advisor.load(Path.of("rules"));
 * Decision decision = advisor.decide(Path.of("facts/seed003-q2-drug-interactions.json"));
 * decision.recommendation().approach();   // "RAG"
 * }</pre>
 *
 * An advisor is immutable and safe to share between threads; each decision runs in its own
 * rule session. The rule engine behind it ({@code dev.ladder.engine}) is found as a
 * {@link Provider} service, so this package names only what an embedding program uses.
 */
public interface Advisor {

    /** Compiles the rule base in {@code rulesDir}: its {@code *.drl} files and {@code parameters.yaml}. */
    static Advisor load(Path rulesDir) throws LadderException.BadInput {
        return Provider.installed().load(rulesDir);
    }

    /** The default rule base: {@code ./rules} when present, else the copy packaged with the program. */
    static Advisor loadDefault() throws LadderException.BadInput {
        Path local = Path.of("rules");
        return Files.isDirectory(local) ? load(local) : Provider.installed().loadPackaged();
    }

    /** Reads and decides one scenario file. */
    Decision decide(Path scenarioFile) throws LadderException;

    /** Decides a scenario already read; {@code name} names it in problems. */
    Decision decide(Scenario scenario, String name) throws LadderException;

    /**
     * The recommended approach alone, from the same rules without the trail or the record: for
     * bulk exploration.
     */
    Approach recommend(Scenario scenario, String name) throws LadderException;

    /** Every rule's id, in file and line order: what a coverage report counts against. */
    List<String> ruleIds();

    /** Every rule and parameters file by name, with the SHA-256 of its content. */
    Map<String, String> ruleFiles();

    /** What makes advisors: the rule engine, registered as a {@link ServiceLoader} service. */
    interface Provider {
        /** An advisor over the rule base in {@code rulesDir}. */
        Advisor load(Path rulesDir) throws LadderException.BadInput;

        /** An advisor over the rule base packaged with the program. */
        Advisor loadPackaged() throws LadderException.BadInput;

        /** The engine on the class path. */
        static Provider installed() {
            return ServiceLoader.load(Provider.class, Advisor.class.getClassLoader()).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no rule engine on the class path"
                            + " (dev.ladder.engine provides one)"));
        }
    }
}
