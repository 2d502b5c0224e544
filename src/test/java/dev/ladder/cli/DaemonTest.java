package dev.ladder.cli;

import dev.ladder.daemon.Address;
import dev.ladder.daemon.Protocol;
import dev.ladder.daemon.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The daemon speaks its protocol and answers exactly as the command line run in-process does. */
class DaemonTest {
    @TempDir
    static Path home;
    private static Server daemon;
    private static Thread serving;
    private static int port;
    private static String token;
    private static String proof;

    @BeforeAll
    static void start() throws Exception {
        daemon = new Server(home, 600_000, DaemonMain::execute);
        serving = new Thread(() -> {
            try {
                daemon.serve();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        serving.start();
        Path address = home.resolve(Protocol.ADDRESS);
        for (int i = 0; i < 600 && !Files.exists(address); i++) {
            Thread.sleep(100);
        }
        assertThat(address).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(address))).isEqualTo("rw-------");
        String[] fields = Files.readString(address).strip().split(" ", 5);
        port = Integer.parseInt(fields[0]);
        token = fields[1];
        proof = fields[2];
        assertThat(Long.parseLong(fields[3])).isEqualTo(ProcessHandle.current().pid());
        assertThat(Path.of(fields[4])).isEqualTo(Path.of("").toAbsolutePath());
    }

    @AfterAll
    static void stop() throws Exception {
        assertThat(Address.in(home).orElseThrow().askToStop()).isTrue();
        serving.join(30_000);
        assertThat(serving.isAlive()).isFalse();
        assertThat(home.resolve(Protocol.ADDRESS)).doesNotExist();
    }

    record Answer(String reply, String out, String err) {
    }

    private static Answer ask(String offeredToken, Path replyDir, String... args) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            InputStream in = socket.getInputStream();
            assertThat(Protocol.authenticate(socket.getOutputStream(), in, proof)).isTrue();
            send(socket, offeredToken, replyDir, args);
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            in.transferTo(reply);
            return answer(reply.toString(StandardCharsets.US_ASCII), replyDir);
        }
    }

    private static void send(Socket socket, String offeredToken, Path replyDir, String... args) throws IOException {
        OutputStream request = socket.getOutputStream();
        StringBuilder text = new StringBuilder(offeredToken + "\nrun\n" + replyDir + "\n00\n" + args.length + "\n");
        for (String arg : args) {
            text.append(arg).append('\0');
        }
        request.write(text.toString().getBytes(StandardCharsets.UTF_8));
        request.flush();
    }

    private static Answer answer(String reply, Path replyDir) throws IOException {
        Path out = replyDir.resolve("out");
        Path err = replyDir.resolve("err");
        return new Answer(reply.strip().replace("\n", " "),
                Files.exists(out) ? Files.readString(out) : null, Files.exists(err) ? Files.readString(err) : null);
    }

    private static String undated(String json) {
        return json.replaceAll("\"decidedAt\" : \"[^\"]*\"", "\"decidedAt\" : \"T\"").replaceAll("\"decisionId\" : \"[^\"]*\"", "\"decisionId\" : \"D\"");
    }

    @Test
    void aDecisionIsTheOneTheCommandLineMakesInProcess(@TempDir Path reply) throws IOException {
        String[] args = {"decide", "facts/seed003-q2-drug-interactions.json"};
        Answer answer = ask(token, reply, args);
        Cli direct = Cli.run(args);

        assertThat(answer.reply()).isEqualTo("started 0");
        assertThat(undated(answer.out())).isEqualTo(undated(direct.out()));
        assertThat(answer.err()).isEmpty();
    }

    @Test
    void badInputGetsTheSameLocatedErrorAndExitCode(@TempDir Path reply) throws IOException {
        Path bad = reply.resolve("bad.json");
        Files.writeString(bad, "{\"task\": {\"knd\": \"qa\"}}\n");
        String[] args = {"decide", bad.toString()};
        Answer answer = ask(token, Files.createDirectory(reply.resolve("answer")), args);
        Cli direct = Cli.run(args);

        assertThat(answer.reply()).isEqualTo("started 2");
        assertThat(answer.out()).isEmpty();
        assertThat(answer.err()).isEqualTo(direct.err()).contains("bad.json:1:").contains("task.knd");
    }

    @Test
    void aRuleEditIsSeenByTheNextCommand(@TempDir Path rules) throws IOException {
        try (var files = Files.list(Path.of("rules"))) {
            for (Path file : files.toList()) {
                Files.copy(file, rules.resolve(file.getFileName()));
            }
        }
        String[] args = {"decide", "--rules", rules.toString(), "--format", "text", "facts/seed003-q2-drug-interactions.json"};
        Answer before = ask(token, Files.createDirectory(rules.resolve("before")), args);
        Path decision = rules.resolve("decision.drl");
        Files.writeString(decision, Files.readString(decision) + "\nrule \"broken\" when then nonsense( end\n");
        Answer after = ask(token, Files.createDirectory(rules.resolve("after")), args);

        assertThat(before.reply()).isEqualTo("started 0");
        assertThat(after.reply()).isEqualTo("started 2");
        assertThat(after.err()).contains("decision.drl:");
    }

    @Test
    void aRequestWithoutTheTokenRunsNothing(@TempDir Path reply) throws IOException {
        Answer answer = ask("0".repeat(64), reply, "decide", "facts/seed003-q2-drug-interactions.json");

        assertThat(answer.reply()).isEqualTo("denied");
        assertThat(answer.out()).isNull();
        assertThat(answer.err()).isNull();
    }

    @Test
    void aClientThatSendsNothingIsToldNothingAndDelaysNoOne(@TempDir Path reply) throws IOException {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                idle.add(new Socket(InetAddress.getLoopbackAddress(), port));
            }
            Answer served = ask(token, reply, "--version");

            assertThat(served.reply()).isEqualTo("started 0");
            for (Socket socket : idle) {
                // still open: the command was answered before the daemon gave up on them
                socket.setSoTimeout(50);
                assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            }
            for (Socket socket : idle) {
                socket.setSoTimeout(Protocol.GREETING_MILLIS * 5);
                assertThat(socket.getInputStream().read()).as("dropped without a word").isEqualTo(-1);
            }
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }

    @Test
    void theDaemonNeverSaysItsProof(@TempDir Path reply) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write((Protocol.NAME + " " + "ab".repeat(16) + "\n").getBytes(StandardCharsets.US_ASCII));
            String answer = Protocol.line(socket.getInputStream(), 200);

            assertThat(answer).isEqualTo(Protocol.NAME + " " + Protocol.response(proof, "ab".repeat(16)))
                    .doesNotContain(proof).doesNotContain(token);
        }
    }

    @Test
    void aServerWithoutTheProofCannotPassForTheDaemon() throws Exception {
        // whoever takes the port after a crash, even one that saw an earlier answer, cannot answer a fresh nonce
        String seen = Protocol.NAME + " " + Protocol.response(proof, "ab".repeat(16));
        try (java.net.ServerSocket squatter = new java.net.ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread impostor = new Thread(() -> {
                try (Socket client = squatter.accept()) {
                    Protocol.line(client.getInputStream(), 200);
                    client.getOutputStream().write((seen + "\n").getBytes(StandardCharsets.US_ASCII));
                    client.getInputStream().transferTo(OutputStream.nullOutputStream());
                } catch (IOException e) {
                    // the client hung up
                }
            });
            impostor.start();
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), squatter.getLocalPort())) {
                assertThat(Protocol.authenticate(socket.getOutputStream(), socket.getInputStream(), proof)).isFalse();
            }
            impostor.join(5_000);
        }
    }

    @Test
    void aRuleFaultIsTheClientsExitThreeAndTheDaemonServesOn(@TempDir Path dir) throws Exception {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.copy(Path.of("rules/parameters.yaml"), rules.resolve("parameters.yaml"));
        Files.writeString(rules.resolve("loops.drl"), "package ladder.rules;\nimport dev.ladder.model.*;\n"
                + Files.readString(Path.of("src/test/resources/hostile-rules/loops-forever.drl")));
        String[] looping = {"decide", "--rules", rules.toString(), "facts/seed003-q2-drug-interactions.json"};
        Path firstReply = Files.createDirectory(dir.resolve("first"));

        Answer first;
        Answer meanwhile;
        try (Socket running = new Socket(InetAddress.getLoopbackAddress(), port)) {
            InputStream in = running.getInputStream();
            assertThat(Protocol.authenticate(running.getOutputStream(), in, proof)).isTrue();
            send(running, token, firstReply, looping);
            assertThat(Protocol.line(in, 200)).isEqualTo("started");
            meanwhile = ask(token, Files.createDirectory(dir.resolve("meanwhile")), "--version");
            first = answer("started " + Protocol.line(in, 200), firstReply);
        }
        Answer after = ask(token, Files.createDirectory(dir.resolve("after")), "decide", "facts/seed003-q2-drug-interactions.json");

        assertThat(meanwhile.reply()).as("a second command while one runs is turned away, to run alone").isEqualTo("busy");
        assertThat(meanwhile.out()).isNull();
        assertThat(first.reply()).isEqualTo("started 3");
        assertThat(first.out()).isEmpty();
        assertThat(first.err()).contains("rule Z-01").contains("no decision was made").doesNotContain("\tat ");
        assertThat(after.reply()).isEqualTo("started 0");
        assertThat(after.out()).contains("\"approach\" : \"RAG\"");
    }

    @Test
    void statusListsWhatItHasAnswered(@TempDir Path reply) throws IOException {
        ask(token, reply, "--version");

        assertThat(Address.in(home)).hasValueSatisfying(running -> {
            assertThat(running.port()).isEqualTo(port);
            assertThat(running.answered()).isPositive();
        });
    }
}
