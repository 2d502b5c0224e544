package dev.ladder.cli;

import dev.ladder.Advisor;
import dev.ladder.LadderException;
import picocli.CommandLine;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A resident Ladder process for one working directory: it keeps the JVM warm and the compiled
 * rule base in memory, so that {@code ./ladder} answers a command in milliseconds instead of
 * starting Java, Drools and the rule base again. The launcher starts it after a command it ran
 * itself, and hands it later commands over a loopback socket.
 *
 * <p>One command at a time, exactly as {@link Main#run} runs it: the same exit code, and the
 * same bytes on stdout and stderr, which it writes to files in a directory the client names.
 * The rule files are read and hashed for every command, so an edit is always seen.
 *
 * <p>Protocol, one connection per command. The client sends the lines {@value #PROTOCOL}, the
 * token, the reply directory, {@code 1} or {@code 0} for colour, the argument count, then each
 * argument in UTF-8 followed by a NUL byte. The daemon writes {@code out} and {@code err} in the
 * reply directory and answers one line: the exit code, or {@code denied}.
 *
 * <p>Only the user who started it can use it: its address file, holding the port and a random
 * token, is readable by that user alone, and a request without the token runs nothing. It exits
 * after an idle period, or on {@code ladder daemon stop}.
 */
public final class Daemon {
    static final String PROTOCOL = "ladder-daemon-1";
    static final String ADDRESS = "address";
    /** How many commands it has answered, rewritten after each. */
    static final String ANSWERED = "answered";
    private static final int MAX_LINE = 8192;
    private static final int MAX_ARGUMENTS = 100_000;
    private static final int MAX_ARGUMENT_BYTES = 1 << 20;

    private final Path dir;
    private final long idleMillis;
    private final String token;
    private final Object busy = new Object();
    private volatile boolean stopping;
    private volatile ServerSocket server;
    private long answered;

    Daemon(Path dir, long idleMillis) {
        this.dir = dir;
        this.idleMillis = Math.max(idleMillis, 1);
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.token = HexFormat.of().formatHex(secret);
    }

    /** {@code Daemon DIR IDLE_SECONDS}: serves until idle that long; quits at once if DIR already has a daemon. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: Daemon DIR IDLE_SECONDS");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        long idleMillis = Math.max(1, Long.parseLong(args[1])) * 1000;
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                || !Files.getOwner(dir).getName().equals(System.getProperty("user.name"))) {
            System.exit(2);
        }
        try (FileChannel lockFile = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.tryLock()) {
            if (lock != null) {
                new Daemon(dir, idleMillis).serve();
            }
        }
    }

    /**
     * Where daemons keep their address files, one directory each: under {@code $XDG_RUNTIME_DIR}
     * when set, else the user's cache directory. The launcher computes the same place.
     */
    static Path home() {
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        String cache = System.getenv("XDG_CACHE_HOME");
        Path base = runtime != null && !runtime.isBlank() ? Path.of(runtime)
                : cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("ladder").resolve("daemon");
    }

    /** A running daemon, as its address file describes it. */
    record Running(Path dir, int port, long pid, String workingDirectory, long answered) {
        static java.util.Optional<Running> in(Path dir) {
            try {
                String[] fields = Files.readString(dir.resolve(ADDRESS)).strip().split(" ", 4);
                Path count = dir.resolve(ANSWERED);
                long answered = Files.exists(count) ? Long.parseLong(Files.readString(count).strip()) : 0;
                return java.util.Optional.of(new Running(dir, Integer.parseInt(fields[0]), Long.parseLong(fields[2]),
                        fields.length > 3 ? fields[3] : "?", answered));
            } catch (IOException | RuntimeException e) {
                return java.util.Optional.empty();
            }
        }
    }

    /** Warms up, publishes its address and answers commands until stopped, idle or rebuilt. */
    void serve() throws IOException {
        String build = build();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            this.server = server;
            server.setSoTimeout(TICK_MILLIS);
            warmUp();
            publish(server.getLocalPort());
            Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
            long idleSince = System.nanoTime();
            while (!stopping) {
                Socket client;
                try {
                    client = server.accept();
                } catch (SocketException closed) {
                    break;
                } catch (SocketTimeoutException tick) {
                    // a rebuilt program or a removed directory retires this daemon; so does idleness
                    if ((System.nanoTime() - idleSince) / 1_000_000 >= idleMillis || !build.equals(build())
                            || !Files.isRegularFile(dir.resolve(ADDRESS))) {
                        break;
                    }
                    continue;
                }
                synchronized (busy) {
                    if (stopping) {
                        client.close();
                        break;
                    }
                    try (client) {
                        answer(client);
                    } catch (IOException | RuntimeException e) {
                        // that client went away or sent garbage; serve the next one
                    }
                    idleSince = System.nanoTime();
                }
            }
        } finally {
            retire();
        }
    }

    private static final int TICK_MILLIS = 5_000;

    /** The size and time of the jar or class directory this daemon runs from: it changes when the program is rebuilt. */
    private static String build() {
        try {
            Path code = Path.of(Daemon.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.size(code) + " " + Files.getLastModifiedTime(code);
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            return "unknown";
        }
    }

    /**
     * Loads the default rule base of this directory and decides a packaged example with it for
     * a moment, so that the first commands find the rules in memory and the code compiled.
     */
    private void warmUp() {
        try {
            Advisor.loadDefault();
            Path example = dir.resolve("example.yaml");
            try (InputStream packaged = Daemon.class.getResourceAsStream(EXAMPLE)) {
                if (packaged == null) {
                    return;
                }
                Files.copy(packaged, example, StandardCopyOption.REPLACE_EXISTING);
            }
            PrintWriter none = new PrintWriter(OutputStream.nullOutputStream());
            long until = System.nanoTime() + WARM_UP_NANOS;
            for (int i = 0; i < 500 && System.nanoTime() < until; i++) {
                execute(new String[] {"decide", "--format", i % 2 == 0 ? "json" : "text", example.toString()},
                        none, none, false);
            }
        } catch (LadderException | IOException | RuntimeException e) {
            // the command that needs these rules will report what is wrong with them
        }
    }

    /** The scenario the daemon warms up on, packaged from facts/. */
    static final String EXAMPLE = "/ladder/example/seed004-error-summarizer-10k.yaml";
    private static final long WARM_UP_NANOS = 2_000_000_000L;

    /** Writes "port token pid directory", readable by this user alone, and moves it into place in one step. */
    private void publish(int port) throws IOException {
        Path draft = dir.resolve(ADDRESS + ".new");
        Files.deleteIfExists(draft);
        Files.createFile(draft, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(draft, port + " " + token + " " + ProcessHandle.current().pid() + " "
                + Path.of("").toAbsolutePath() + "\n");
        Files.move(draft, dir.resolve(ADDRESS), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Stops at once when idle, else once the command running has been answered. */
    void stop() {
        retire();
        try {
            ServerSocket listening = server;
            if (listening != null) {
                listening.close();
            }
        } catch (IOException e) {
            // closing is all that was asked
        }
    }

    /** Stops taking commands once the one running has finished, and withdraws the address if it is still ours. */
    private void retire() {
        synchronized (busy) {
            stopping = true;
            try {
                Path address = dir.resolve(ADDRESS);
                if (Files.exists(address) && Files.readString(address).contains(token)) {
                    Files.delete(address);
                }
                for (String file : List.of("example.yaml", ANSWERED, "log", "lock")) {
                    Files.deleteIfExists(dir.resolve(file));
                }
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                // a later client finds nothing listening and starts afresh
            }
        }
    }

    private void answer(Socket client) throws IOException {
        client.setSoTimeout(10_000);
        InputStream in = new BufferedInputStream(client.getInputStream());
        OutputStream reply = client.getOutputStream();
        String protocol = line(in);
        String offered = line(in);
        if (!PROTOCOL.equals(protocol) || !MessageDigest.isEqual(token.getBytes(StandardCharsets.US_ASCII),
                offered.getBytes(StandardCharsets.US_ASCII))) {
            reply.write("denied\n".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        Path replyDir = Path.of(line(in));
        boolean colour = "1".equals(line(in));
        int count = Integer.parseInt(line(in));
        if (count < 0 || count > MAX_ARGUMENTS) {
            throw new IOException("too many arguments");
        }
        List<String> args = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            args.add(argument(in));
        }
        client.setSoTimeout(0);
        int code = run(args.toArray(String[]::new), replyDir, colour);
        Files.writeString(dir.resolve(ANSWERED), Long.toString(++answered));
        reply.write((code + "\n").getBytes(StandardCharsets.US_ASCII));
        reply.flush();
    }

    /** Runs one command line as {@link Main#run} would, its output going to files in {@code replyDir}. */
    static int run(String[] args, Path replyDir, boolean colour) throws IOException {
        Charset charset = Charset.defaultCharset();
        try (PrintWriter out = writer(replyDir.resolve("out"), charset);
             PrintWriter err = writer(replyDir.resolve("err"), charset)) {
            return execute(args, out, err, colour);
        }
    }

    private static int execute(String[] args, PrintWriter out, PrintWriter err, boolean colour) {
        CommandLine cli = LadderCommand.commandLine();
        cli.setOut(out);
        cli.setErr(err);
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(colour ? CommandLine.Help.Ansi.ON
                : CommandLine.Help.Ansi.OFF));
        return cli.execute(args);
    }

    private static PrintWriter writer(Path file, Charset charset) throws IOException {
        return new PrintWriter(Files.newBufferedWriter(file, charset, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), false);
    }

    private static String line(InputStream in) throws IOException {
        return new String(until(in, '\n', MAX_LINE), StandardCharsets.UTF_8);
    }

    private static String argument(InputStream in) throws IOException {
        return new String(until(in, 0, MAX_ARGUMENT_BYTES), StandardCharsets.UTF_8);
    }

    private static byte[] until(InputStream in, int end, int max) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != end; b = in.read()) {
            if (b < 0 || bytes.size() >= max) {
                throw new IOException("truncated request");
            }
            bytes.write(b);
        }
        return bytes.toByteArray();
    }
}
