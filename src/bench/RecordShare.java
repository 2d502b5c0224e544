import dev.ladder.Advisor;
import dev.ladder.Decision;
import dev.ladder.model.Scenario;
import dev.ladder.read.ScenarioReader;
import dev.ladder.report.DecisionJson;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the record and its JSON cost beside the rule engine, measured interleaved in one JVM so
 * the machine's drift falls on all three alike: for each facts/ scenario in turn, the engine alone
 * (recommend), the full record (decide), and its JSON. Warms up first (the JIT needs about a
 * minute on two cores), then prints each window's ratios and their medians.
 * Usage: java -cp target/ladder-cli.jar src/bench/RecordShare.java [WARMUP_SECONDS] [WINDOWS]
 */
public class RecordShare {
    public static void main(String[] args) throws Exception {
        long warmup = args.length > 0 ? Long.parseLong(args[0]) : 90;
        int windows = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Advisor advisor = Advisor.load(Path.of("rules"));
        List<Scenario> scenarios = new ArrayList<>();
        try (var files = Files.list(Path.of("facts"))) {
            for (Path file : files.sorted().toList()) {
                scenarios.add(ScenarioReader.read(file));
            }
        }
        run(advisor, scenarios, warmup, null);
        double[][] ratios = new double[windows][];
        System.out.println("window  engine-only  full record        record + JSON");
        for (int w = 0; w < windows; w++) {
            ratios[w] = run(advisor, scenarios, 15, w + 1);
        }
        double[] record = Arrays.stream(ratios).mapToDouble(r -> r[0]).sorted().toArray();
        double[] json = Arrays.stream(ratios).mapToDouble(r -> r[1]).sorted().toArray();
        System.out.printf("median                   %.2fx              %.2fx%n", record[windows / 2], json[windows / 2]);
    }

    private static double[] run(Advisor advisor, List<Scenario> scenarios, long seconds, Integer window) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long engine = 0;
        long record = 0;
        long json = 0;
        long n = 0;
        long sink = 0;
        while (System.nanoTime() < end) {
            for (Scenario scenario : scenarios) {
                long t0 = System.nanoTime();
                sink += advisor.recommend(scenario, "bench").ordinal();
                long t1 = System.nanoTime();
                Decision decision = advisor.decide(scenario, "bench");
                long t2 = System.nanoTime();
                sink += DecisionJson.line(decision).length();
                long t3 = System.nanoTime();
                engine += t1 - t0;
                record += t2 - t1;
                json += t3 - t2;
                n++;
            }
        }
        double[] ratios = {(double) record / engine, (double) (record + json) / engine};
        if (window != null) {
            System.out.printf("%-7d %6.0f us    %6.0f us %.2fx   %6.0f us %.2fx%s%n", window, engine / 1e3 / n,
                    record / 1e3 / n, ratios[0], (record + json) / 1e3 / n, ratios[1], sink == 42 ? " " : "");
        }
        return ratios;
    }
}
