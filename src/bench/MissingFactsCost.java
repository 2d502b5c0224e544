import dev.ladder.Advisor;
import dev.ladder.engine.Decider;
import dev.ladder.engine.DroolsAdvisor;
import dev.ladder.model.Scenario;
import dev.ladder.read.ScenarioReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What finding the missing facts costs: for each facts/ scenario in turn, interleaved in one JVM
 * so the machine's drift falls on both alike, a plain decision (the rule engine alone, recommend)
 * and the full record (decide, which first re-decides the scenario to find which unknown facts
 * can change the answer). Prints the re-decisions each record takes, then each window's times
 * and their ratio, and the median ratio.
 * Usage: java -cp target/ladder-cli.jar src/bench/MissingFactsCost.java [WARMUP_SECONDS] [WINDOWS]
 */
public class MissingFactsCost {
    public static void main(String[] args) throws Exception {
        long warmup = args.length > 0 ? Long.parseLong(args[0]) : 90;
        int windows = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Advisor advisor = Advisor.load(Path.of("rules"));
        Decider decider = new Decider(((DroolsAdvisor) advisor).ruleBase());
        List<Scenario> scenarios = new ArrayList<>();
        try (var files = Files.list(Path.of("facts"))) {
            for (Path file : files.sorted().toList()) {
                scenarios.add(ScenarioReader.read(file));
            }
        }
        int[] counts = new int[scenarios.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = decider.redecisions(scenarios.get(i), "bench");
        }
        int[] sorted = counts.clone();
        Arrays.sort(sorted);
        System.out.printf("re-decisions per record over %d scenarios: min %d, median %d, mean %.0f, max %d%n",
                counts.length, sorted[0], sorted[sorted.length / 2], Arrays.stream(counts).average().orElse(0),
                sorted[sorted.length - 1]);
        run(advisor, scenarios, warmup, null);
        double[] ratios = new double[windows];
        System.out.println("window  plain decision  full record");
        for (int w = 0; w < windows; w++) {
            ratios[w] = run(advisor, scenarios, 15, w + 1);
        }
        Arrays.sort(ratios);
        System.out.printf("median                          %.0fx%n", ratios[windows / 2]);
    }

    private static double run(Advisor advisor, List<Scenario> scenarios, long seconds, Integer window) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long plain = 0;
        long record = 0;
        long n = 0;
        long sink = 0;
        while (System.nanoTime() < end) {
            for (Scenario scenario : scenarios) {
                long t0 = System.nanoTime();
                sink += advisor.recommend(scenario, "bench").ordinal();
                long t1 = System.nanoTime();
                sink += advisor.decide(scenario, "bench").missingFacts().size();
                long t2 = System.nanoTime();
                plain += t1 - t0;
                record += t2 - t1;
                n++;
            }
        }
        double ratio = (double) record / plain;
        if (window != null) {
            System.out.printf("%-7d %8.0f us  %9.0f us %.0fx%s%n", window, plain / 1e3 / n, record / 1e3 / n, ratio,
                    sink == 42 ? " " : "");
        }
        return ratio;
    }
}
