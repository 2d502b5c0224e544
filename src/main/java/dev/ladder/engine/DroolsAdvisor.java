package dev.ladder.engine;

import dev.ladder.Advisor;
import dev.ladder.Decision;
import dev.ladder.LadderException;
import dev.ladder.cache.RuleBases;
import dev.ladder.model.Approach;
import dev.ladder.model.Scenario;
import dev.ladder.read.ScenarioReader;
import dev.ladder.rulebase.RuleBase;
import dev.ladder.rulebase.RuleFiles;
import dev.ladder.rulebase.RuleInfo;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@link Advisor} of a Drools rule base: reads scenarios and decides them with a {@link Decider}. */
public final class DroolsAdvisor implements Advisor {
    private final RuleBase ruleBase;
    private final Decider decider;

    public DroolsAdvisor(RuleBase ruleBase) {
        this.ruleBase = ruleBase;
        this.decider = new Decider(ruleBase);
    }

    /** Makes advisors for {@link Advisor#load}: rule bases come from {@link RuleBases}, compiled only when new. */
    public static final class Provider implements Advisor.Provider {
        @Override
        public Advisor load(Path rulesDir) throws LadderException.BadInput {
            return new DroolsAdvisor(RuleBases.load(RuleFiles.read(rulesDir)));
        }

        @Override
        public Advisor loadPackaged() throws LadderException.BadInput {
            return new DroolsAdvisor(RuleBases.load(RuleFiles.packaged()));
        }
    }

    @Override
    public Decision decide(Path scenarioFile) throws LadderException {
        return decide(ScenarioReader.read(scenarioFile), scenarioFile.toString());
    }

    @Override
    public Decision decide(Scenario scenario, String name) throws LadderException {
        return decider.decide(scenario, name);
    }

    @Override
    public Approach recommend(Scenario scenario, String name) throws LadderException {
        return decider.recommend(scenario, name);
    }

    @Override
    public List<String> ruleIds() {
        return ruleBase.rules().values().stream().map(RuleInfo::id).toList();
    }

    @Override
    public Map<String, String> ruleFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        ruleBase.files().files().keySet().forEach(name -> files.put(name, ruleBase.files().sha256Of(name)));
        return files;
    }

    /** The compiled rule base, for the checks. */
    public RuleBase ruleBase() {
        return ruleBase;
    }
}
