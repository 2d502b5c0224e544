package dev.ladder.cli;

import dev.ladder.io.Printable;

import dev.ladder.io.UserFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** {@code ladder daemon status|stop}: the resident processes that answer ./ladder quickly. */
@Command(name = "daemon", description = {
        "Shows or stops the resident processes ./ladder starts to answer later commands in milliseconds.",
        "One serves each working directory and exits after 10 idle minutes (LADDER_DAEMON_IDLE seconds);",
        "LADDER_DAEMON=off runs every command in its own process."})
final class DaemonCommand implements Callable<Integer> {
    enum Action { status, stop }

    @Parameters(paramLabel = "status|stop", description = "status lists the running daemons; stop ends them.")
    Action action;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<Daemon.Running> running = running();
        if (running.isEmpty()) {
            out.println("no daemon is running");
        }
        for (Daemon.Running daemon : running) {
            if (action == Action.stop) {
                out.println(stop(daemon));
            } else {
                out.println("pid " + daemon.pid() + " on 127.0.0.1:" + daemon.port() + " serves "
                        + Printable.line(daemon.workingDirectory()) + " and has answered " + daemon.answered() + " commands");
            }
        }
        out.flush();
        return 0;
    }

    /** Asks the daemon to stop; one that cannot answer (a command of its own hangs it) is killed. */
    private static String stop(Daemon.Running daemon) throws IOException {
        Optional<ProcessHandle> process = daemon.process();
        boolean agreed = daemon.askToStop();
        if (!agreed) {
            process.ifPresent(ProcessHandle::destroyForcibly);
        }
        boolean ended = process.map(p -> p.onExit().completeOnTimeout(null, 10, TimeUnit.SECONDS).join() != null)
                .orElse(true);
        if (!agreed && ended) {
            Files.deleteIfExists(daemon.dir().resolve(Daemon.ADDRESS));
        }
        return (ended ? "stopped pid " : "could not stop pid ") + daemon.pid() + ", which served "
                + Printable.line(daemon.workingDirectory()) + (agreed ? "" : " (it did not answer, so it was killed)");
    }

    /**
     * Daemons whose process is alive, in the directory the launcher uses for this environment;
     * only directories and address files private to this user count, as the launcher trusts
     * only those. An address left by one that died is not listed.
     */
    private static List<Daemon.Running> running() throws IOException {
        Path home = Daemon.home();
        List<Daemon.Running> found = new ArrayList<>();
        if (!Files.isDirectory(home)) {
            return found;
        }
        try (Stream<Path> dirs = Files.list(home)) {
            for (Path dir : dirs.sorted().toList()) {
                if (UserFiles.isPrivateDirectory(dir) && UserFiles.isPrivateFile(dir.resolve(Daemon.ADDRESS))) {
                    Daemon.Running.in(dir).filter(d -> d.process().isPresent()).ifPresent(found::add);
                }
            }
        }
        return found;
    }
}
