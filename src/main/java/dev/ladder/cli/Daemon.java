package dev.ladder.cli;

import dev.ladder.Advisor;
import dev.ladder.LadderException;
import picocli.CommandLine;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
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
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
 * <p>Protocol, one connection per command, lines ending in LF:
 * <ol>
 *   <li>the client: {@value #PROTOCOL} and a fresh random nonce;</li>
 *   <li>the daemon: {@value #PROTOCOL} and the SHA-256 (hex) of {@code proof:nonce:proof}, which
 *       only the holder of the address file's proof can compute, so the client knows it talks
 *       to the daemon of its address file and not to whoever took the port after a crash. The
 *       daemon says nothing before the client's nonce, and never the proof itself;</li>
 *   <li>the client: the token, then {@code stop}, or {@code run}, the reply directory, the flags
 *       ({@code colour} and {@code merged} as 1 or 0, e.g. {@code 10}), the argument count, and
 *       each argument followed by a NUL byte;</li>
 *   <li>the daemon: {@code started} before it runs the command (or {@code denied},
 *       {@code moved}, or {@code busy} while another command runs, and runs nothing), then the
 *       exit code.</li>
 * </ol>
 * Each connection is read on a thread of its own, within {@value #HEADER_MILLIS} ms, and at
 * most {@value #HANDSHAKES} at once (more are closed at once), so connections that send
 * nothing delay no one: a client turned away runs its command in a process of its own.
 * A client that hangs up while its command runs ends the daemon, as Ctrl-C would end the
 * command's own process.
 *
 * <p>Only the user who started it can use it: its address file, holding the port, the token
 * and the proof, is readable by that user alone, and a request without the token runs nothing.
 * It exits after an idle period, when the program is rebuilt, or on {@code ladder daemon stop}.
 */
public final class Daemon {
    static final String PROTOCOL = "ladder-daemon-3";
    static final String ADDRESS = "address";
    /** How many commands it has answered, rewritten after each. */
    static final String ANSWERED = "answered";
    /** The scenario the daemon warms up on, packaged from facts/. */
    static final String EXAMPLE = "/ladder/example/seed004-error-summarizer-10k.yaml";

    private static final int TICK_MILLIS = 5_000;
    static final int HEADER_MILLIS = 2_000;
    static final int HANDSHAKES = 16;
    private static final int MAX_LINE = 4096;
    private static final int MAX_ARGUMENTS = 100_000;
    private static final int MAX_ARGUMENT_BYTES = 1 << 20;
    private static final long WARM_UP_NANOS = 2_000_000_000L;

    private final Path dir;
    private final long idleMillis;
    private final String token = secret();
    private final String proof = secret();
    /** Held while a command runs, and by {@link #retire}: one command at a time. */
    private final java.util.concurrent.locks.ReentrantLock busy = new java.util.concurrent.locks.ReentrantLock();
    private final java.util.concurrent.atomic.AtomicLong lastAnswered = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
    private final java.util.concurrent.ThreadPoolExecutor handshakes = new java.util.concurrent.ThreadPoolExecutor(
            0, HANDSHAKES, 30, TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>(), r -> {
                Thread thread = new Thread(r, "ladder-daemon-connection");
                thread.setDaemon(true);
                return thread;
            });
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "ladder-daemon-command");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean stopping;
    private volatile ServerSocket server;
    private Object workingDirectory;
    private long answered;

    Daemon(Path dir, long idleMillis) {
        this.dir = dir;
        this.idleMillis = Math.max(idleMillis, 1);
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
            System.err.println("ladder daemon: " + dir + " is not a directory of this user's");
            System.exit(2);
        }
        try (FileChannel lockFile = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.tryLock()) {
            if (lock != null) {
                new Daemon(dir, idleMillis).serve();
            }
        }
    }

    private static String secret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Where daemons keep their address files, one directory each: under {@code $XDG_RUNTIME_DIR}
     * when set, else the user's cache directory. The launcher computes the same place.
     */
    static Path home() {
        return dev.ladder.io.UserFiles.runtimeBase().resolve("ladder").resolve("daemon");
    }

    /** A daemon, as its address file describes it: "port token proof pid directory". */
    record Running(Path dir, int port, String token, String proof, long pid, String workingDirectory, long answered) {
        static Optional<Running> in(Path dir) {
            try {
                String[] fields = Files.readString(dir.resolve(ADDRESS)).strip().split(" ", 5);
                Path count = dir.resolve(ANSWERED);
                long answered = Files.exists(count) ? Long.parseLong(Files.readString(count).strip()) : 0;
                return Optional.of(new Running(dir, Integer.parseInt(fields[0]), fields[1], fields[2],
                        Long.parseLong(fields[3]), fields[4], answered));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }

        /** Its process, if one is alive with this daemon's command line. */
        Optional<ProcessHandle> process() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> p.info().arguments()
                    .map(List::of).map(a -> a.contains(Daemon.class.getName()) && a.stream().anyMatch(this::isDir))
                    .orElse(false));
        }

        private boolean isDir(String argument) {
            try {
                return Path.of(argument).normalize().equals(dir.normalize());
            } catch (RuntimeException notAPath) {
                return false;
            }
        }

        /** Asks it to stop, proving who is asking; true once it has agreed. */
        boolean askToStop() {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.setSoTimeout(5_000);
                InputStream in = new BufferedInputStream(socket.getInputStream());
                if (!authenticate(socket.getOutputStream(), in, proof)) {
                    return false;
                }
                socket.getOutputStream().write((token + "\nstop\n").getBytes(StandardCharsets.US_ASCII));
                return "stopping".equals(line(in, MAX_LINE));
            } catch (IOException e) {
                return false;
            }
        }
    }

    /**
     * The client's half of the handshake: sends a fresh nonce and checks that the answer is the
     * one only the holder of {@code proof} can give.
     */
    static boolean authenticate(OutputStream out, InputStream in, String proof) throws IOException {
        String nonce = secret();
        out.write((PROTOCOL + " " + nonce + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        byte[] expected = (PROTOCOL + " " + response(proof, nonce)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, line(in, MAX_LINE).getBytes(StandardCharsets.US_ASCII));
    }

    /** The daemon's answer to a nonce: SHA-256 of {@code proof:nonce:proof}, in hex. */
    static String response(String proof, String nonce) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((proof + ":" + nonce + ":" + proof).getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Warms up, publishes its address and answers commands until stopped, idle or rebuilt. */
    void serve() throws IOException {
        String build = build();
        workingDirectory = workingDirectoryKey();
        try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            this.server = listening;
            listening.setSoTimeout(TICK_MILLIS);
            warmUp();
            publish(listening.getLocalPort());
            Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
            while (!stopping) {
                Socket client;
                try {
                    client = listening.accept();
                } catch (SocketException closed) {
                    break;
                } catch (SocketTimeoutException tick) {
                    // a rebuilt program or a removed address retires this daemon; so does idleness
                    boolean idle = !busy.isLocked()
                            && (System.nanoTime() - lastAnswered.get()) / 1_000_000 >= idleMillis;
                    if (idle || !build.equals(build()) || !Files.isRegularFile(dir.resolve(ADDRESS))) {
                        break;
                    }
                    continue;
                }
                try {
                    handshakes.execute(() -> {
                        try (client) {
                            answer(client);
                        } catch (IOException | RuntimeException e) {
                            // that client went away or sent garbage; others are served regardless
                        }
                    });
                } catch (java.util.concurrent.RejectedExecutionException full) {
                    client.close();   // too many connections at once: that client runs its command alone
                }
            }
        } finally {
            retire();
            handshakes.shutdownNow();
            worker.shutdownNow();
        }
    }

    /** The size and time of the jar or class directory this daemon runs from: it changes when the program is rebuilt. */
    private static String build() {
        try {
            Path code = Path.of(Daemon.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.size(code) + " " + Files.getLastModifiedTime(code);
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            return "unknown";
        }
    }

    /** What the working directory's path names now: another directory once it is moved and replaced. */
    private static Object workingDirectoryKey() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(Path.of(System.getProperty("user.dir")),
                    BasicFileAttributes.class);
            return attributes.fileKey() != null ? attributes.fileKey() : attributes.creationTime();
        } catch (IOException e) {
            return "gone";
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

    /** Writes its address, readable by this user alone, and moves it into place in one step. */
    private void publish(int port) throws IOException {
        Path draft = dir.resolve(ADDRESS + ".new");
        Files.deleteIfExists(draft);
        Files.createFile(draft, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(draft, port + " " + token + " " + proof + " " + ProcessHandle.current().pid() + " "
                + System.getProperty("user.dir") + "\n");
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

    /** Stops taking commands once the one running has finished, and clears its directory. */
    private void retire() {
        busy.lock();
        try {
            stopping = true;
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
        } finally {
            busy.unlock();
        }
    }

    private void answer(Socket client) throws IOException {
        // the whole request must arrive at once: a client that dawdles holds nothing but its own thread
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HEADER_MILLIS);
        client.setSoTimeout(HEADER_MILLIS);
        InputStream in = new BufferedInputStream(client.getInputStream());
        OutputStream reply = client.getOutputStream();
        String hello = line(in, 128, deadline);
        String nonce = hello.startsWith(PROTOCOL + " ") ? hello.substring(PROTOCOL.length() + 1) : "";
        if (!nonce.matches("[0-9a-f]{32,64}")) {
            return;   // not a client of this protocol: it learns nothing
        }
        say(reply, PROTOCOL + " " + response(proof, nonce));
        String offered = line(in, 128, deadline);
        if (!MessageDigest.isEqual(token.getBytes(StandardCharsets.US_ASCII), offered.getBytes(StandardCharsets.US_ASCII))) {
            say(reply, "denied");
            return;
        }
        String kind = line(in, 16, deadline);
        if (kind.equals("stop")) {
            say(reply, "stopping");
            stopping = true;
            server.close();
            return;
        }
        if (!kind.equals("run")) {
            say(reply, "denied");
            return;
        }
        Path replyDir = Path.of(line(in, MAX_LINE, deadline));
        String flags = line(in, 16, deadline);
        int count = Integer.parseInt(line(in, 16, deadline));
        if (count < 0 || count > MAX_ARGUMENTS) {
            throw new IOException("too many arguments");
        }
        Charset platform = platformCharset();
        List<String> args = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            args.add(new String(until(in, 0, MAX_ARGUMENT_BYTES, deadline), platform));
        }
        if (!busy.tryLock()) {
            say(reply, "busy");   // another command is running: this one runs in a process of its own
            return;
        }
        try {
            if (stopping) {
                say(reply, "busy");
                return;
            }
            if (!Objects.equals(workingDirectory, workingDirectoryKey())) {
                // its directory was moved away: the client's same path is another directory now
                say(reply, "moved");
                stopping = true;
                server.close();
                return;
            }
            say(reply, "started");
            int code = runWatching(client, in, args.toArray(String[]::new), replyDir, flags.startsWith("1"),
                    flags.length() > 1 && flags.charAt(1) == '1');
            Files.writeString(dir.resolve(ANSWERED), Long.toString(++answered));
            say(reply, Integer.toString(code));
        } finally {
            lastAnswered.set(System.nanoTime());
            busy.unlock();
        }
    }

    /** Runs the command, ending this daemon if the client hangs up first, as Ctrl-C ends a process. */
    private int runWatching(Socket client, InputStream in, String[] args, Path replyDir, boolean colour, boolean merged)
            throws IOException {
        Future<Integer> running = worker.submit(() -> run(args, replyDir, colour, merged));
        client.setSoTimeout(100);
        while (true) {
            try {
                return running.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillRunning) {
                try {
                    if (in.read() < 0) {
                        hangUp();
                    }
                } catch (SocketTimeoutException connected) {
                    // the client is still waiting
                } catch (IOException reset) {
                    hangUp();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                hangUp();
            } catch (ExecutionException e) {
                throw new IOException("the command failed", e.getCause());
            }
        }
    }

    private void hangUp() {
        retire();
        Runtime.getRuntime().halt(130);
    }

    private static void say(OutputStream reply, String line) throws IOException {
        reply.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        reply.flush();
    }

    /** The charset the JVM decodes its command line with, so arguments read as they would in a process of their own. */
    private static Charset platformCharset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", Charset.defaultCharset().name()));
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }

    /**
     * Runs one command line as {@link Main#run} would, its output going to {@code out} and
     * {@code err} in {@code replyDir}, or both to {@code out} when the client's two streams are
     * one, so their lines interleave as they would.
     */
    static int run(String[] args, Path replyDir, boolean colour, boolean merged) throws IOException {
        Charset charset = StandardCharsets.UTF_8;   // as Main writes, whatever the locale
        try (OutputStream outFile = create(replyDir.resolve("out"));
             OutputStream errFile = merged ? OutputStream.nullOutputStream() : create(replyDir.resolve("err"))) {
            // as Main's streams: flushed at every line
            PrintWriter out = new PrintWriter(new OutputStreamWriter(outFile, charset), true);
            PrintWriter err = new PrintWriter(new OutputStreamWriter(merged ? outFile : errFile, charset), true);
            try {
                return execute(args, out, err, colour);
            } finally {
                out.flush();
                err.flush();
            }
        }
    }

    private static OutputStream create(Path file) throws IOException {
        return Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Runs the command line; {@code terminal} says whether the client's stdin and stdout are a
     * terminal, which decides colour in help as picocli decides it for a process of its own.
     */
    private static int execute(String[] args, PrintWriter out, PrintWriter err, boolean terminal) {
        CommandLine cli = LadderCommand.commandLine();
        cli.setOut(out);
        cli.setErr(err);
        String force = System.getenv("CLICOLOR_FORCE");
        boolean colour = System.getenv("NO_COLOR") == null
                && (force != null && !force.equals("0") || terminal && !"0".equals(System.getenv("CLICOLOR")));
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(colour ? CommandLine.Help.Ansi.ON
                : CommandLine.Help.Ansi.OFF));
        return cli.execute(args);
    }

    static String line(InputStream in, int max) throws IOException {
        return line(in, max, 0);
    }

    private static String line(InputStream in, int max, long deadline) throws IOException {
        return new String(until(in, '\n', max, deadline), StandardCharsets.UTF_8);
    }

    private static byte[] until(InputStream in, int end, int max, long deadline) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != end; b = in.read()) {
            if (b < 0 || bytes.size() >= max || (deadline != 0 && System.nanoTime() - deadline > 0)) {
                throw new IOException("truncated or slow request");
            }
            bytes.write(b);
        }
        return bytes.toByteArray();
    }
}
