package dev.ladder.cli;

import dev.ladder.LadderException;
import dev.ladder.Problem;
import dev.ladder.serve.DecisionService;
import dev.ladder.support.Printable;
import dev.ladder.support.UserFiles;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code ladder serve}: the decision service, until stopped (Ctrl-C or SIGTERM). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve decisions over HTTP: POST /v1/decisions, GET /v1/decisions[/ID], /v1/ruleset,",
                "/v1/openapi.json, /v1/schema/scenario.json, /health/live, /health/ready, /metrics; review pages under /review.",
                "Edited rule files are reloaded; a rule base that fails its checks is not loaded."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "Port (0: any free one). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to bind. Default: ${DEFAULT-VALUE}, this machine only.")
    String host;

    @Option(names = "--rules", paramLabel = "DIR",
            description = "Rules directory, watched for edits (default: ./rules when present, else the packaged copy).")
    Path rules;

    @Option(names = "--reload-millis", paramLabel = "MS", defaultValue = "1000",
            description = "How often to look for edited rule files; 0 never. Default: ${DEFAULT-VALUE}.")
    long reloadMillis;

    static final class Store {
        @Option(names = "--log", paramLabel = "FILE", description = "Decision log file. Default: " + LogCommand.DEFAULT_LOG + ".")
        Path file;

        @Option(names = "--store", paramLabel = "JDBC-URL",
                description = "A PostgreSQL decision log shared by replicas: jdbc:postgresql://HOST/DB?user=U&password=P.")
        String url;
    }

    @ArgGroup(exclusive = true)
    Store store;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Require 'Authorization: Bearer TOKEN' on /v1/, TOKEN being this file's content; readable by you alone.")
    Path tokenFile;

    @Option(names = "--debug", description = "Show the Java stack trace behind an error.")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new LadderException.BadInput(Problem.ofFile("--port", port + " is not a port (expected 0 to 65535)"));
        }
        if (reloadMillis < 0) {
            throw new LadderException.BadInput(Problem.ofFile("--reload-millis", "cannot be negative"));
        }
        String log = store == null ? LogCommand.DEFAULT_LOG : store.url != null ? store.url : store.file.toString();
        if (store != null && store.url != null && !store.url.startsWith("jdbc:postgresql:")) {
            throw new LadderException.BadInput(Problem.ofFile("--store", "expected a jdbc:postgresql: URL"));
        }
        Path dir = rules != null ? rules : Files.isDirectory(Path.of("rules")) ? Path.of("rules") : null;
        PrintWriter err = spec.commandLine().getErr();
        DecisionService service;
        try {
            service = DecisionService.start(new DecisionService.Settings(host, port,
                    new DecisionService.RuleSourceSettings(dir, reloadMillis), log, token()), line -> {
                        synchronized (err) {
                            err.println("ladder serve: " + Printable.line(line));
                            err.flush();
                        }
                    });
        } catch (IOException e) {
            throw new LadderException.BadInput(Problem.ofFile("serve", e.getMessage()));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    private String token() throws LadderException.BadInput {
        if (tokenFile == null) {
            return null;
        }
        try {
            if (!Files.isRegularFile(tokenFile) || !UserFiles.isPrivateFile(tokenFile)) {
                throw new LadderException.BadInput(Problem.ofFile(tokenFile.toString(),
                        "the token file must be a regular file readable by you alone (chmod 600)"));
            }
            String token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
            if (token.length() < 16 || !token.matches("[\\x21-\\x7e]+")) {
                throw new LadderException.BadInput(Problem.ofFile(tokenFile.toString(),
                        "the token must be at least 16 printable characters without spaces"));
            }
            return token;
        } catch (IOException e) {
            throw new LadderException.BadInput(Problem.ofFile(tokenFile.toString(), "cannot be read: " + e.getMessage()));
        }
    }
}
