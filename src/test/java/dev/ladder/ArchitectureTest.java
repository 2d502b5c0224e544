package dev.ladder;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.ladder.engine.ReachesTheCommandLine;
import dev.ladder.model.RunsUpAFloor;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The house is a straight stack, each package one floor that uses only the floors below it:
 * model and support at the bottom, then the public API, reading, rule bases, their cache, the
 * engine, reports, governance, the decision service, the daemon, and the command line at the top.
 */
class ArchitectureTest {
    /** Each floor, from the top down, with the floors allowed to use it. */
    static final ArchRule FLOORS = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("cli").definedBy("dev.ladder.cli..")
            .layer("daemon").definedBy("dev.ladder.daemon..")
            .layer("serve").definedBy("dev.ladder.serve..")
            .layer("govern").definedBy("dev.ladder.govern..")
            .layer("report").definedBy("dev.ladder.report..")
            .layer("engine").definedBy("dev.ladder.engine..")
            .layer("cache").definedBy("dev.ladder.cache..")
            .layer("rulebase").definedBy("dev.ladder.rulebase..")
            .layer("read").definedBy("dev.ladder.read..")
            .layer("api").definedBy("dev.ladder")
            .layer("support").definedBy("dev.ladder.support..")
            .layer("model").definedBy("dev.ladder.model..")
            .whereLayer("cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("daemon").mayOnlyBeAccessedByLayers("cli")
            .whereLayer("serve").mayOnlyBeAccessedByLayers("daemon", "cli")
            .whereLayer("govern").mayOnlyBeAccessedByLayers("serve", "daemon", "cli")
            .whereLayer("report").mayOnlyBeAccessedByLayers("govern", "serve", "daemon", "cli")
            .whereLayer("engine").mayOnlyBeAccessedByLayers("report", "govern", "serve", "daemon", "cli")
            .whereLayer("cache").mayOnlyBeAccessedByLayers("engine", "report", "govern", "serve", "daemon", "cli")
            .whereLayer("rulebase").mayOnlyBeAccessedByLayers("cache", "engine", "report", "govern", "serve", "daemon",
                    "cli")
            .whereLayer("read").mayOnlyBeAccessedByLayers("rulebase", "cache", "engine", "report", "govern", "serve",
                    "daemon", "cli")
            .whereLayer("api").mayOnlyBeAccessedByLayers("read", "rulebase", "cache", "engine", "report", "govern",
                    "serve", "daemon", "cli")
            .whereLayer("support").mayOnlyBeAccessedByLayers("api", "read", "rulebase", "cache", "engine", "report",
                    "govern", "serve", "daemon", "cli")
            .whereLayer("model").mayOnlyBeAccessedByLayers("support", "api", "read", "rulebase", "cache", "engine",
                    "report", "govern", "serve", "daemon", "cli");

    static final ArchRule NO_CYCLES = slices().matching("dev.ladder.(*)..").should().beFreeOfCycles();

    /** Only the command line knows picocli: the engine and everything below it never reach it. */
    static final ArchRule ONLY_THE_CLI_KNOWS_PICOCLI = noClasses().that().resideOutsideOfPackage("dev.ladder.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("picocli..", "dev.ladder.cli..");

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.ladder");

    @Test
    void eachFloorUsesOnlyTheFloorsBelowIt() {
        FLOORS.check(MAIN);
    }

    @Test
    void noPackagesDependOnEachOther() {
        NO_CYCLES.check(MAIN);
    }

    @Test
    void onlyTheCommandLineKnowsPicocli() {
        ONLY_THE_CLI_KNOWS_PICOCLI.check(MAIN);
    }

    @Test
    void theRulesCatchAnImportThatRunsUpAFloorACycleAndTheEngineReachingTheCommandLine() {
        JavaClasses withViolations = new ClassFileImporter().importPackages("dev.ladder");

        EvaluationResult floors = FLOORS.evaluate(withViolations);
        EvaluationResult cycles = NO_CYCLES.evaluate(withViolations);
        EvaluationResult picocli = ONLY_THE_CLI_KNOWS_PICOCLI.evaluate(withViolations);

        assertThat(floors.getFailureReport().getDetails())
                .anyMatch(line -> line.contains(RunsUpAFloor.class.getName()) && line.contains("dev.ladder.cli"))
                .anyMatch(line -> line.contains(ReachesTheCommandLine.class.getName()));
        assertThat(cycles.hasViolation()).as("model -> cli -> model").isTrue();
        assertThat(picocli.getFailureReport().getDetails())
                .anyMatch(line -> line.contains(ReachesTheCommandLine.class.getName()) && line.contains("picocli"));
    }
}
