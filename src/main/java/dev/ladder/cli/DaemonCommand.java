package dev.ladder.cli;

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
                Optional<ProcessHandle> process = ProcessHandle.of(daemon.pid());
                process.ifPresent(ProcessHandle::destroy);
                process.ifPresent(p -> p.onExit().completeOnTimeout(p, 10, TimeUnit.SECONDS).join());
                out.println("stopped pid " + daemon.pid() + ", which served " + daemon.workingDirectory());
            } else {
                out.println("pid " + daemon.pid() + " on 127.0.0.1:" + daemon.port() + " serves "
                        + daemon.workingDirectory() + " and has answered " + daemon.answered() + " commands");
            }
        }
        out.flush();
        return 0;
    }

    /** Daemons whose process is alive; an address left by one that died is not listed. */
    private static List<Daemon.Running> running() throws IOException {
        Path home = Daemon.home();
        List<Daemon.Running> found = new ArrayList<>();
        if (!Files.isDirectory(home)) {
            return found;
        }
        try (Stream<Path> dirs = Files.list(home)) {
            for (Path dir : dirs.sorted().toList()) {
                Daemon.Running.in(dir).filter(d -> ProcessHandle.of(d.pid()).map(ProcessHandle::isAlive).orElse(false)
                        && ProcessHandle.of(d.pid()).flatMap(p -> p.info().command()).map(c -> c.endsWith("java"))
                                .orElse(true)).ifPresent(found::add);
            }
        }
        return found;
    }
}
