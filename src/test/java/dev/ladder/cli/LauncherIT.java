package dev.ladder.cli;

import dev.ladder.daemon.Protocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code ./ladder} launcher on the packaged program, as a user runs it: the first command
 * runs in its own process and leaves a daemon behind, which answers the next ones with the same
 * bytes and exit codes, until {@code ladder daemon stop}.
 */
class LauncherIT {
    @TempDir
    Path state;

    record Run(int exit, String out, String err) {
    }

    private Run ladder(String daemon, String... args) throws IOException, InterruptedException {
        return ladder(java.util.Map.of("XDG_RUNTIME_DIR", state.resolve("run").toString()), daemon, args);
    }

    private Run ladder(java.util.Map<String, String> env, String daemon, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "ladder"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("XDG_RUNTIME_DIR");
        builder.environment().remove("XDG_CACHE_HOME");
        builder.environment().putAll(env);
        builder.environment().put("LADDER_CACHE_DIR", state.resolve("cache").toString());
        builder.environment().put("LADDER_DAEMON", daemon);
        Path out = state.resolve("out");
        Path err = state.resolve("err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int exit = process.waitFor();
        return new Run(exit, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static String undated(String json) {
        return json.replaceAll("\"decidedAt\" : \"[^\"]*\"", "\"decidedAt\" : \"T\"").replaceAll("\"decisionId\" : \"[^\"]*\"", "\"decisionId\" : \"D\"");
    }

    /** The status once the daemon the last command started is answering (it warms up first). */
    private Run awaitDaemon() throws Exception {
        Run status = ladder("on", "daemon", "status");
        for (int i = 0; i < 240 && !status.out().contains(" serves "); i++) {
            Thread.sleep(250);
            status = ladder("on", "daemon", "status");
        }
        return status;
    }

    @AfterEach
    void stopDaemons() throws Exception {
        ladder("on", "daemon", "stop");
        // one the last command started may still be warming up, before it has an address
        ProcessHandle.allProcesses().filter(p -> p.info().arguments().map(List::of)
                .map(a -> a.contains(Protocol.MAIN) && a.stream().anyMatch(x -> x.startsWith(state.toString())))
                .orElse(false)).forEach(p -> {
                    p.destroy();
                    p.onExit().join();
                });
    }

    @Test
    void theDaemonAnswersAsTheProgramDoesUntilStopped() throws Exception {
        String scenario = "facts/seed003-q2-drug-interactions.json";
        assertThat(ladder("on", "daemon", "status").out()).isEqualTo("no daemon is running\n");
        Run alone = ladder("off", "decide", scenario);
        Run first = ladder("on", "decide", scenario);
        assertThat(alone.exit()).isZero();
        assertThat(undated(first.out())).isEqualTo(undated(alone.out()));

        Run status = awaitDaemon();
        assertThat(status.out()).contains(" serves " + Path.of("").toAbsolutePath()).contains("answered 0 commands");

        Run served = ladder("on", "decide", scenario);
        Path bad = state.resolve("bad.json");
        Files.writeString(bad, "{\"usage\": {\"requestsPerDay\": -5}}\n");
        Run refused = ladder("on", "decide", bad.toString());
        Run refusedAlone = ladder("off", "decide", bad.toString());

        assertThat(served.exit()).isZero();
        assertThat(undated(served.out())).isEqualTo(undated(alone.out()));
        assertThat(served.err()).isEmpty();
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).isEqualTo(refusedAlone.err()).contains("usage.requestsPerDay");
        assertThat(ladder("on", "daemon", "status").out()).contains("answered 2 commands");

        Run stopped = ladder("on", "daemon", "stop");
        assertThat(stopped.out()).startsWith("stopped pid ");
        assertThat(ladder("on", "daemon", "status").out()).isEqualTo("no daemon is running\n");
    }

    @Test
    void aDaemonKilledOutrightLeavesAnAddressThatIsNotTrusted() throws Exception {
        String scenario = "facts/seed003-q2-drug-interactions.json";
        Run alone = ladder("off", "decide", scenario);
        ladder("on", "decide", scenario);
        Run status = awaitDaemon();
        long pid = Long.parseLong(status.out().split(" ")[1]);
        ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow();
        daemon.destroyForcibly();
        daemon.onExit().get();
        // whoever takes the port now is not told the token: the launcher runs the command itself
        try (java.net.ServerSocket squatter = new java.net.ServerSocket()) {
            Path address;
            try (var dirs = Files.list(state.resolve("run/ladder/daemon"))) {
                address = dirs.map(d -> d.resolve(Protocol.ADDRESS)).filter(Files::exists).findFirst().orElseThrow();
            }
            int port = Integer.parseInt(Files.readString(address).split(" ")[0]);
            squatter.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
            Run after = ladder("on", "decide", scenario);

            assertThat(after.exit()).isZero();
            assertThat(undated(after.out())).isEqualTo(undated(alone.out()));
            assertThat(ladder("on", "daemon", "status").out()).doesNotContain("pid " + pid);
        }
    }

    @Test
    void statusAndStopLookWhereTheLauncherPutsDaemons() throws Exception {
        Path home = Files.createDirectories(state.resolve("home"));
        Path other = Files.createDirectories(state.resolve("other-home"));
        var mine = java.util.Map.of("HOME", home.toString());
        ladder(mine, "on", "decide", "facts/seed003-q2-drug-interactions.json");
        Run status = ladder(mine, "on", "daemon", "status");
        for (int i = 0; i < 240 && !status.out().contains(" serves "); i++) {
            Thread.sleep(250);
            status = ladder(mine, "on", "daemon", "status");
        }

        Path daemonDir;
        try (var dirs = Files.list(home.resolve(".cache/ladder/daemon"))) {
            daemonDir = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        Files.setPosixFilePermissions(daemonDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Run openToOthers = ladder(mine, "on", "daemon", "status");
        Files.setPosixFilePermissions(daemonDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Run elsewhere = ladder(java.util.Map.of("HOME", other.toString()), "on", "daemon", "stop");
        Run stillThere = ladder(mine, "on", "daemon", "status");
        Run stopped = ladder(mine, "on", "daemon", "stop");

        assertThat(status.out()).contains(" serves ");
        assertThat(home.resolve(".cache/ladder/daemon")).isDirectory();
        assertThat(openToOthers.out()).as("a directory others may enter is not trusted").isEqualTo("no daemon is running\n");
        assertThat(elsewhere.out()).as("another HOME has no daemons to stop").isEqualTo("no daemon is running\n");
        assertThat(stillThere.out()).contains(" serves ");
        assertThat(stopped.out()).startsWith("stopped pid ");
    }
    @Test
    void serveRunsInAProcessOfItsOwnAnswersOverHttpAndStopsOnSigterm() throws Exception {
        List<String> command = List.of("bash", "ladder", "serve", "--port", "0", "--log", state.resolve("served.jsonl").toString());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("XDG_RUNTIME_DIR", state.resolve("run").toString());
        builder.environment().put("LADDER_CACHE_DIR", state.resolve("cache").toString());
        Path err = state.resolve("serve.err");
        Process serve = builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        try {
            String port = null;
            for (int i = 0; i < 1200 && port == null && serve.isAlive(); i++) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("serving on http://127.0.0.1:(\\d+)")
                        .matcher(Files.readString(err));
                port = m.find() ? m.group(1) : null;
                Thread.sleep(100);
            }
            assertThat(port).as(Files.readString(err)).isNotNull();
            java.net.http.HttpResponse<String> decided = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/v1/decisions"))
                            .header("Content-Type", "application/json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofFile(Path.of("facts/seed003-q2-drug-interactions.json")))
                            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());

            assertThat(decided.statusCode()).isEqualTo(201);
            assertThat(decided.body()).contains("\"approach\" : \"RAG\"");
            assertThat(ladder("on", "daemon", "status").out()).as("serve is never handed to a daemon").contains("no daemon");
        } finally {
            serve.destroy();
            assertThat(serve.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.readString(state.resolve("served.jsonl"))).contains("seed003-q2-drug-interactions");
    }
}
