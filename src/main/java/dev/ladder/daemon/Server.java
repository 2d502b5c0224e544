package dev.ladder.daemon;

import java.io.BufferedInputStream;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A resident process for one working directory: it keeps the JVM warm and the compiled rule
 * bases in memory, so that {@code ./ladder} answers a command in milliseconds instead of
 * starting Java, Drools and the rule base again. The launcher starts it after a command it ran
 * itself, and hands it later commands over a loopback socket, as {@link Protocol} describes.
 *
 * <p>One command at a time, run by the {@link Runner} it was given exactly as a process of its
 * own would run it: the same exit code, and the same bytes on stdout and stderr, which it writes
 * to files in a directory the client names. Each connection is read on a thread of its own,
 * within the greeting time, and at most {@value #HANDSHAKES} at once (more are closed at once),
 * so connections that send nothing delay no one: a client turned away runs its command alone.
 * A client that hangs up while its command runs ends the daemon, as Ctrl-C would end the
 * command's own process.
 *
 * <p>Only the user who started it can use it: its address file, holding the port, the token
 * and the proof, is readable by that user alone, and a request without the token runs nothing.
 * It exits after an idle period, when the program is rebuilt, or when asked to stop.
 */
public final class Server {
    /** What runs one command: the command line, writing to {@code out} and {@code err}; returns its exit code. */
    public interface Runner {
        int run(String[] args, PrintWriter out, PrintWriter err, boolean terminal);
    }

    /** The scenario the daemon warms up on, packaged from facts/. */
    static final String EXAMPLE = "/ladder/example/seed004-error-summarizer-10k.yaml";
    static final int HANDSHAKES = 16;

    private static final int TICK_MILLIS = 5_000;
    private static final int MAX_ARGUMENTS = 100_000;
    private static final int MAX_ARGUMENT_BYTES = 1 << 20;
    private static final long WARM_UP_NANOS = 2_000_000_000L;

    private final Path dir;
    private final long idleMillis;
    private final Runner runner;
    private final String token = Protocol.secret();
    private final String proof = Protocol.secret();
    /** Held while a command runs, and by {@link #retire}: one command at a time. */
    private final ReentrantLock busy = new ReentrantLock();
    private final AtomicLong lastAnswered = new AtomicLong(System.nanoTime());
    private final ThreadPoolExecutor handshakes = new ThreadPoolExecutor(0, HANDSHAKES, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
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

    public Server(Path dir, long idleMillis, Runner runner) {
        this.dir = dir;
        this.idleMillis = Math.max(idleMillis, 1);
        this.runner = runner;
    }

    /**
     * Serves in {@code dir} until idle for {@code idleSeconds}; returns at once when another
     * daemon already serves there. Refuses a directory that is not this user's.
     */
    public static void serveIn(Path dir, long idleSeconds, Runner runner) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                || !Files.getOwner(dir).getName().equals(System.getProperty("user.name"))) {
            throw new IOException(dir + " is not a directory of this user's");
        }
        try (FileChannel lockFile = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.tryLock()) {
            if (lock != null) {
                new Server(dir, Math.max(1, idleSeconds) * 1000, runner).serve();
            }
        }
    }

    /** Warms up, publishes its address and answers commands until stopped, idle or rebuilt. */
    public void serve() throws IOException {
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
                    if (idle || !build.equals(build()) || !Files.isRegularFile(dir.resolve(Protocol.ADDRESS))) {
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
                } catch (RejectedExecutionException full) {
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
            Path code = Path.of(Server.class.getProtectionDomain().getCodeSource().getLocation().toURI());
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
     * Decides a packaged example with the default rule base of this directory for a moment, so
     * that the first commands find the rules in memory and the code compiled.
     */
    private void warmUp() {
        try {
            Path example = dir.resolve("example.yaml");
            try (InputStream packaged = Server.class.getResourceAsStream(EXAMPLE)) {
                if (packaged == null) {
                    return;
                }
                Files.copy(packaged, example, StandardCopyOption.REPLACE_EXISTING);
            }
            PrintWriter none = new PrintWriter(OutputStream.nullOutputStream());
            long until = System.nanoTime() + WARM_UP_NANOS;
            for (int i = 0; i < 500 && System.nanoTime() < until; i++) {
                runner.run(new String[] {"decide", "--format", i % 2 == 0 ? "json" : "text", example.toString()},
                        none, none, false);
            }
        } catch (IOException | RuntimeException e) {
            // the command that needs these rules will report what is wrong with them
        }
    }

    /** Writes its address, readable by this user alone, and moves it into place in one step. */
    private void publish(int port) throws IOException {
        Path draft = dir.resolve(Protocol.ADDRESS + ".new");
        Files.deleteIfExists(draft);
        Files.createFile(draft, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(draft, port + " " + token + " " + proof + " " + ProcessHandle.current().pid() + " "
                + System.getProperty("user.dir") + "\n");
        Files.move(draft, dir.resolve(Protocol.ADDRESS), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Stops at once when idle, else once the command running has been answered. */
    public void stop() {
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
            Path address = dir.resolve(Protocol.ADDRESS);
            if (Files.exists(address) && Files.readString(address).contains(token)) {
                Files.delete(address);
            }
            for (String file : List.of("example.yaml", Address.ANSWERED, Protocol.LOG, "lock")) {
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
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Protocol.GREETING_MILLIS);
        client.setSoTimeout(Protocol.GREETING_MILLIS);
        InputStream in = new BufferedInputStream(client.getInputStream());
        OutputStream reply = client.getOutputStream();
        String hello = Protocol.line(in, 128, deadline);
        String nonce = hello.startsWith(Protocol.NAME + " ") ? hello.substring(Protocol.NAME.length() + 1) : "";
        if (!nonce.matches("[0-9a-f]{32,64}")) {
            return;   // not a client of this protocol: it learns nothing
        }
        say(reply, Protocol.NAME + " " + Protocol.response(proof, nonce));
        String offered = Protocol.line(in, 128, deadline);
        if (!MessageDigest.isEqual(token.getBytes(StandardCharsets.US_ASCII), offered.getBytes(StandardCharsets.US_ASCII))) {
            say(reply, "denied");
            return;
        }
        String kind = Protocol.line(in, 16, deadline);
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
        Path replyDir = Path.of(Protocol.line(in, Protocol.MAX_LINE, deadline));
        String flags = Protocol.line(in, 16, deadline);
        int count = Integer.parseInt(Protocol.line(in, 16, deadline));
        if (count < 0 || count > MAX_ARGUMENTS) {
            throw new IOException("too many arguments");
        }
        Charset platform = platformCharset();
        List<String> args = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            args.add(new String(Protocol.until(in, 0, MAX_ARGUMENT_BYTES, deadline), platform));
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
            Files.writeString(dir.resolve(Address.ANSWERED), Long.toString(++answered));
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
     * Runs one command line with the {@link Runner}, its output going to {@code out} and
     * {@code err} in {@code replyDir}, or both to {@code out} when the client's two streams are
     * one, so their lines interleave as they would.
     */
    int run(String[] args, Path replyDir, boolean colour, boolean merged) throws IOException {
        Charset charset = StandardCharsets.UTF_8;   // as the command line writes, whatever the locale
        try (OutputStream outFile = create(replyDir.resolve("out"));
             OutputStream errFile = merged ? OutputStream.nullOutputStream() : create(replyDir.resolve("err"))) {
            // as Main's streams: flushed at every line
            PrintWriter out = new PrintWriter(new OutputStreamWriter(outFile, charset), true);
            PrintWriter err = new PrintWriter(new OutputStreamWriter(merged ? outFile : errFile, charset), true);
            try {
                return runner.run(args, out, err, colour);
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
}
