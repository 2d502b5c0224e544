package dev.ladder.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs {@link DecisionBenchmark} and prints engine-only, full record and full record with its
 * JSON side by side, each as a ratio to the engine-only cost measured in the same run. JMH
 * options on the command line (e.g. {@code -f 1 -wi 3 -i 5}) override the defaults here.
 */
public final class Ratios {
    private Ratios() {
    }

    public static void main(String[] args) throws Exception {
        Options given = new CommandLineOptions(args);
        Options options = new OptionsBuilder().parent(given)
                .include(DecisionBenchmark.class.getSimpleName() + "\\.(engineOnly|fullRecord|fullRecordWithJson)$")
                .forks(given.getForkCount().orElse(1))
                // on two cores the JIT takes about a minute to compile Drools and the record code at
                // full optimisation: warm up for that long, or the ratios measure the compiler
                .warmupIterations(given.getWarmupIterations().orElse(12))
                .warmupTime(given.getWarmupTime().orElse(TimeValue.seconds(5)))
                .measurementIterations(given.getMeasurementIterations().orElse(5))
                .measurementTime(given.getMeasurementTime().orElse(TimeValue.seconds(5)))
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> median = new LinkedHashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark().replaceAll(".*\\.", "");
            median.put(name, result.getPrimaryResult().getStatistics().getPercentile(50));
        }
        double engine = median.getOrDefault("engineOnly", Double.NaN);
        System.out.println();
        System.out.println("per decision, median over all facts/ scenarios, one run:");
        for (String name : new String[] {"engineOnly", "fullRecord", "fullRecordWithJson"}) {
            Double us = median.get(name);
            if (us != null) {
                System.out.printf("  %-20s %10.1f us   %5.2fx engine-only%n", name, us, us / engine);
            }
        }
    }
}
