package dev.ladder.cli;

import dev.ladder.daemon.Address;
import dev.ladder.support.Printable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code ladder daemon status|stop}: the resident processes that answer ./ladder quickly. */
@Command(name = "daemon", mixinStandardHelpOptions = true, description = {
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
        List<Address> running = Address.running();
        if (running.isEmpty()) {
            out.println("no daemon is running");
        }
        for (Address daemon : running) {
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
    private static String stop(Address daemon) throws IOException {
        Optional<ProcessHandle> process = daemon.process();
        boolean agreed = daemon.askToStop();
        if (!agreed) {
            process.ifPresent(ProcessHandle::destroyForcibly);
        }
        boolean ended = process.map(p -> p.onExit().completeOnTimeout(null, 10, TimeUnit.SECONDS).join() != null)
                .orElse(true);
        if (!agreed && ended) {
            daemon.forget();
        }
        return (ended ? "stopped pid " : "could not stop pid ") + daemon.pid() + ", which served "
                + Printable.line(daemon.workingDirectory()) + (agreed ? "" : " (it did not answer, so it was killed)");
    }
}
