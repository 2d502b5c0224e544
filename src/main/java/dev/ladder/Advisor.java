package dev.ladder;

import dev.ladder.engine.Decider;
import dev.ladder.engine.RuleBase;
import dev.ladder.engine.RuleFiles;
import dev.ladder.io.ScenarioReader;
import dev.ladder.model.Scenario;

import java.nio.file.Files;
import java.nio.file.Path;

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
 * rule session.
 */
public final class Advisor {
    private final Decider decider;
    private final DecisionLog log;

    private Advisor(RuleBase ruleBase) {
        this(ruleBase.decider(), null);
    }

    private Advisor(Decider decider, DecisionLog log) {
        this.decider = decider;
        this.log = log;
    }

    /**
     * This advisor, appending every decision it makes to the hash-chained log at {@code logFile}
     * (created when missing). A decision that cannot be logged is not returned. An incomplete last
     * line left by an interrupted write is removed silently here; {@link DecisionLog#append} takes
     * a listener for that notice, which the command line prints.
     */
    public Advisor loggingTo(Path logFile) {
        return new Advisor(decider, new DecisionLog(logFile));
    }

    /** Compiles the rule base in {@code rulesDir}: its {@code *.drl} files and {@code parameters.yaml}. */
    public static Advisor load(Path rulesDir) throws LadderException.BadInput {
        return new Advisor(RuleBase.compile(RuleFiles.read(rulesDir)));
    }

    /** The default rule base: {@code ./rules} when present, else the copy packaged with the program. */
    public static Advisor loadDefault() throws LadderException.BadInput {
        Path local = Path.of("rules");
        return Files.isDirectory(local) ? load(local) : new Advisor(RuleBase.compile(RuleFiles.packaged()));
    }

    /** Reads and decides one scenario file. */
    public Decision decide(Path scenarioFile) throws LadderException {
        return decide(ScenarioReader.read(scenarioFile), scenarioFile.toString());
    }

    /** Decides a scenario already read; {@code name} names it in problems. */
    public Decision decide(Scenario scenario, String name) throws LadderException {
        Decision decision = decider.decide(scenario, name);
        if (log != null) {
            try {
                log.append(decision, repaired -> { });
            } catch (java.io.IOException e) {
                throw new LadderException.BadInput(Problem.ofFile(logFileName(), "cannot append to the decision log: "
                        + e.getMessage()));
            }
        }
        return decision;
    }

    /**
     * The recommended approach alone, from the same rules without the trail or the record: for
     * bulk exploration. Not logged.
     */
    public dev.ladder.model.Approach recommend(Scenario scenario, String name) throws LadderException {
        return decider.recommend(scenario, name);
    }

    private String logFileName() {
        return String.valueOf(log.file());
    }

    /** The compiled rule base, for checks and tests. */
    public RuleBase ruleBase() {
        return decider.ruleBase();
    }
}
