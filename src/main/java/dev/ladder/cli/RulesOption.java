package dev.ladder.cli;

import dev.ladder.Advisor;
import dev.ladder.LadderException;
import dev.ladder.cache.RuleBases;
import dev.ladder.rulebase.RuleBase;
import dev.ladder.rulebase.RuleFiles;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The {@code --rules DIR} and {@code --debug} options every command shares. */
final class RulesOption {
    @Option(names = "--rules", paramLabel = "DIR",
            description = "Rules directory (default: ./rules when present, else the packaged copy).")
    Path rules;

    @Option(names = "--debug", description = "Show the Java stack trace behind an error.")
    boolean debug;

    Advisor load() throws LadderException.BadInput {
        return rules == null ? Advisor.loadDefault() : Advisor.load(rules);
    }

    /** The compiled rule base itself, for the checks: the same one {@link #load} decides with. */
    RuleBase ruleBase() throws LadderException.BadInput {
        return RuleBases.load(files());
    }

    /** The rule files {@link #load} reads. */
    RuleFiles files() throws LadderException.BadInput {
        Path local = Path.of("rules");
        return rules != null ? RuleFiles.read(rules)
                : java.nio.file.Files.isDirectory(local) ? RuleFiles.read(local) : RuleFiles.packaged();
    }
}
