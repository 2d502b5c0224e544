package dev.ladder.bench;

import dev.ladder.Advisor;
import dev.ladder.Decision;
import dev.ladder.model.Approach;
import dev.ladder.model.Scenario;
import dev.ladder.read.ScenarioReader;
import dev.ladder.report.DecisionJson;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One decision on the real rule base, cycling through every scenario in facts/: with the full
 * trail and record, and the same session without trail capture. Run with
 * {@code mvn -B -Pbench test-compile exec:exec}: sampled times give the median (p0.50) and tail;
 * {@code -prof gc} reports bytes allocated per
 * decision ({@code gc.alloc.rate.norm}). {@code engineFloorWithOneRule} gives the engine's own
 * cost per decision for comparison: the same facts and phases with a one-rule rule base.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DecisionBenchmark {
    private Advisor advisor;
    private Advisor floor;
    private Path minimal;
    private List<Scenario> scenarios;
    private int next;

    @Setup(Level.Trial)
    public void load() throws Exception {
        advisor = Advisor.load(Path.of("rules"));
        // the engine's floor: the same parameters and facts, phases and session reuse, one rule
        minimal = Files.createTempDirectory("ladder-floor");
        Files.copy(Path.of("rules", "parameters.yaml"), minimal.resolve("parameters.yaml"));
        Files.writeString(minimal.resolve("floor.drl"), """
                package ladder.rules;
                import dev.ladder.model.*;

                rule "Every scenario gets one recommendation"
                    @id("Z-01") @source("benchmark") @reason("the engine's floor")
                    agenda-group "recommend"
                when
                    Task()
                then
                    insert(new Recommendation(Approach.PROMPTING));
                end
                """);
        floor = Advisor.load(minimal);
        scenarios = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("facts"))) {
            for (Path file : files.sorted().toList()) {
                scenarios.add(ScenarioReader.read(file));
            }
        }
    }

    @TearDown(Level.Trial)
    public void removeFloorRules() throws Exception {
        try (Stream<Path> files = Files.list(minimal)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(minimal);
    }

    private Scenario nextScenario() {
        Scenario scenario = scenarios.get(next);
        next = (next + 1) % scenarios.size();
        return scenario;
    }

    /** The full decision record: rules, trail capture and record assembly. */
    @Benchmark
    public Decision fullRecord() throws Exception {
        return advisor.decide(nextScenario(), "bench");
    }

    /** The full record and its JSON, as the command line and the service hand it out. */
    @Benchmark
    public String fullRecordWithJson() throws Exception {
        return DecisionJson.line(advisor.decide(nextScenario(), "bench"));
    }

    /** The rule engine alone on the real rule base: pooled session, insert, focus, fire, no trail. */
    @Benchmark
    public Approach engineOnly() throws Exception {
        return advisor.recommend(nextScenario(), "bench");
    }

    /** What Drools costs before any rule of the rule base: one rule that fires once, without trail. */
    @Benchmark
    public Approach engineFloorWithOneRule() throws Exception {
        return floor.recommend(nextScenario(), "bench");
    }
}
