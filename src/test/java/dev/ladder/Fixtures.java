package dev.ladder;

import dev.ladder.model.Scenario;
import dev.ladder.read.ScenarioReader;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Shared test fixtures: the project's own rule base, compiled once per test JVM. */
public final class Fixtures {
    public static final Path RULES = Path.of("rules");
    public static final Path FACTS = Path.of("facts");
    private static Advisor advisor;

    private Fixtures() {
    }

    public static synchronized Advisor advisor() {
        if (advisor == null) {
            try {
                advisor = Advisor.load(RULES);
            } catch (LadderException.BadInput e) {
                throw new AssertionError("the project's rule base must compile: " + e.problems(), e);
            }
        }
        return advisor;
    }

    /** The project's compiled rule base, as the advisor decides with it. */
    public static dev.ladder.rulebase.RuleBase ruleBase() {
        return ((dev.ladder.engine.DroolsAdvisor) advisor()).ruleBase();
    }

    /** A scenario from inline YAML. */
    public static Scenario yaml(String text) {
        try {
            return ScenarioReader.parse("inline.yaml", text.getBytes(StandardCharsets.UTF_8));
        } catch (LadderException.BadInput e) {
            throw new AssertionError("test scenario is invalid: " + e.problems(), e);
        }
    }

    /** Decides inline YAML with the project's rule base. */
    public static Decision decide(String yaml) {
        try {
            return advisor().decide(yaml(yaml), "inline.yaml");
        } catch (LadderException e) {
            throw new AssertionError("decision failed: " + e.problems(), e);
        }
    }
}
