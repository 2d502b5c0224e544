package dev.ladder.serve;

import dev.ladder.Advisor;
import dev.ladder.LadderException;
import dev.ladder.Problem;
import dev.ladder.rulebase.RuleFiles;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The rule base a service decides with, reloaded when its files change. A rule base that does
 * not compile or fails the rule checks is not loaded: the last good one keeps serving, and the
 * failure, with its located problems, is kept for {@code GET /v1/ruleset} and told to the log.
 */
final class RuleSource implements AutoCloseable {
    /** The rule base in use. */
    record Loaded(Advisor advisor, String sha256, Map<String, String> files, Instant loadedAt) {
    }

    /** The last reload that failed, and why. */
    record Failure(String sha256, Instant at, List<Problem> problems) {
    }

    private final Path dir;
    private final Consumer<String> log;
    private final Consumer<Boolean> reloaded;
    private final AtomicReference<Loaded> current = new AtomicReference<>();
    private final AtomicReference<Failure> failure = new AtomicReference<>();
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "ladder-rule-watcher");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Loads the rules in {@code dir} (null: the packaged ones, never reloaded) and, with a
     * positive {@code pollMillis}, checks the files for changes that often. {@code reloaded}
     * hears of every reload attempt, true when it took.
     */
    RuleSource(Path dir, long pollMillis, Consumer<String> log, Consumer<Boolean> reloaded)
            throws LadderException.BadInput {
        this.dir = dir;
        this.log = log;
        this.reloaded = reloaded;
        Advisor advisor = dir == null ? Advisor.Provider.installed().loadPackaged() : Advisor.load(dir);
        current.set(loaded(advisor, dir == null ? RuleFiles.packaged().sha256() : RuleFiles.read(dir).sha256()));
        if (dir != null && pollMillis > 0) {
            watcher.scheduleWithFixedDelay(this::reloadIfChanged, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
        }
    }

    private static Loaded loaded(Advisor advisor, String sha256) {
        return new Loaded(advisor, sha256, advisor.ruleFiles(), Instant.now());
    }

    Loaded current() {
        return current.get();
    }

    Optional<Failure> lastFailure() {
        return Optional.ofNullable(failure.get());
    }

    Optional<Path> dir() {
        return Optional.ofNullable(dir);
    }

    /** Reloads when the files' hash differs from the one in use and from the last that failed. */
    void reloadIfChanged() {
        String sha256;
        try {
            sha256 = RuleFiles.read(dir).sha256();
        } catch (LadderException.BadInput e) {
            fail(null, e.problems());
            return;
        } catch (RuntimeException e) {
            return;   // the files are being written: the next look sees them whole
        }
        Failure failed = failure.get();
        if (sha256.equals(current.get().sha256())) {
            if (failed != null && failure.compareAndSet(failed, null)) {
                log.accept("the rules in " + dir + " are back to ruleset " + sha256 + ", the one in use");
            }
            return;
        }
        if (failed != null && sha256.equals(failed.sha256())) {
            return;
        }
        try {
            Advisor advisor = Advisor.load(dir);
            tryOnExample(advisor);
            Loaded next = loaded(advisor, sha256);
            current.set(next);
            failure.set(null);
            log.accept("reloaded the rules in " + dir + ": ruleset " + sha256);
            reloaded.accept(true);
        } catch (LadderException e) {
            fail(sha256, e.problems());
        }
    }

    /** The scenario a new rule base must decide before it takes over: packaged with the program. */
    static final String EXAMPLE = "/ladder/example/seed004-error-summarizer-10k.yaml";

    /**
     * Decides the packaged example with {@code advisor}: rules that pass the checks but fail on
     * a plain scenario (a consequence that always throws, say) do not take over from good ones.
     */
    private static void tryOnExample(Advisor advisor) throws LadderException {
        try (java.io.InputStream in = RuleSource.class.getResourceAsStream(EXAMPLE)) {
            if (in == null) {
                return;
            }
            advisor.decide(dev.ladder.read.ScenarioReader.parse("example.yaml", in.readAllBytes()), "example.yaml");
        } catch (java.io.IOException e) {
            // the example is part of the program; without it the checks alone decide
        }
    }

    private void fail(String sha256, List<Problem> problems) {
        Failure previous = failure.get();
        if (previous != null && java.util.Objects.equals(sha256, previous.sha256())
                && (sha256 != null || previous.problems().equals(problems))) {
            return;   // already told: a failure is logged once, not at every look
        }
        failure.set(new Failure(sha256, Instant.now(), List.copyOf(problems)));
        log.accept("the rules in " + dir + " were not reloaded; still serving ruleset " + current.get().sha256() + ":");
        problems.forEach(problem -> log.accept("  " + problem));
        reloaded.accept(false);
    }

    @Override
    public void close() {
        watcher.shutdownNow();
    }
}
