package dev.ladder.bench;

import dev.ladder.Advisor;
import dev.ladder.Decision;
import dev.ladder.io.ScenarioReader;
import dev.ladder.model.Approach;
import dev.ladder.model.Scenario;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

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
 * decision ({@code gc.alloc.rate.norm}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DecisionBenchmark {
    private Advisor advisor;
    private List<Scenario> scenarios;
    private int next;

    @Setup(Level.Trial)
    public void load() throws Exception {
        advisor = Advisor.load(Path.of("rules"));
        scenarios = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("facts"))) {
            for (Path file : files.sorted().toList()) {
                scenarios.add(ScenarioReader.read(file));
            }
        }
    }

    private Scenario nextScenario() {
        Scenario scenario = scenarios.get(next);
        next = (next + 1) % scenarios.size();
        return scenario;
    }

    @Benchmark
    public Decision decideWithFullTrail() throws Exception {
        return advisor.decide(nextScenario(), "bench");
    }

    @Benchmark
    public Approach decideWithoutTrail() throws Exception {
        return advisor.recommend(nextScenario(), "bench");
    }
}
