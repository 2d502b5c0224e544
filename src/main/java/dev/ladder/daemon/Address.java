package dev.ladder.daemon;

import dev.ladder.support.UserFiles;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a daemon is and how to reach it, as its address file says: "port token proof pid
 * directory", in a directory of its own under {@link #home()}.
 *
 * @param dir              the daemon's directory
 * @param port             its loopback port
 * @param token            what a client must say to be served
 * @param proof            what the daemon proves it holds
 * @param pid              its process
 * @param workingDirectory the directory it serves
 * @param answered         how many commands it has answered
 */
public record Address(Path dir, int port, String token, String proof, long pid, String workingDirectory,
                      long answered) {
    /** How many commands it has answered, rewritten after each. */
    static final String ANSWERED = "answered";

    /**
     * Where daemons keep their directories: under {@code $XDG_RUNTIME_DIR} when set, else the
     * user's cache directory, resolved from {@code $HOME} as the launcher resolves it.
     */
    public static Path home() {
        return UserFiles.runtimeBase().resolve(Protocol.HOME);
    }

    /** The daemon whose directory is {@code dir}, if its address file can be read. */
    public static Optional<Address> in(Path dir) {
        try {
            String[] fields = Files.readString(dir.resolve(Protocol.ADDRESS)).strip().split(" ", 5);
            Path count = dir.resolve(ANSWERED);
            long answered = Files.exists(count) ? Long.parseLong(Files.readString(count).strip()) : 0;
            return Optional.of(new Address(dir, Integer.parseInt(fields[0]), fields[1], fields[2],
                    Long.parseLong(fields[3]), fields[4], answered));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The daemons whose process is alive, in the directory the launcher uses for this
     * environment; only directories and address files private to this user count, as the
     * launcher trusts only those. An address left by one that died is not listed.
     */
    public static List<Address> running() throws IOException {
        Path home = home();
        List<Address> found = new ArrayList<>();
        if (!Files.isDirectory(home)) {
            return found;
        }
        try (Stream<Path> dirs = Files.list(home)) {
            for (Path dir : dirs.sorted().toList()) {
                if (UserFiles.isPrivateDirectory(dir) && UserFiles.isPrivateFile(dir.resolve(Protocol.ADDRESS))) {
                    in(dir).filter(d -> d.process().isPresent()).ifPresent(found::add);
                }
            }
        }
        return found;
    }

    /** Its process, if one is alive with this daemon's command line. */
    public Optional<ProcessHandle> process() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> p.info().arguments()
                .map(List::of).map(a -> a.contains(Protocol.MAIN) && a.stream().anyMatch(this::isDir))
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
    public boolean askToStop() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5_000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            if (!Protocol.authenticate(socket.getOutputStream(), in, proof)) {
                return false;
            }
            socket.getOutputStream().write((token + "\nstop\n").getBytes(StandardCharsets.US_ASCII));
            return "stopping".equals(Protocol.line(in, Protocol.MAX_LINE));
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes the address of a daemon that is gone, so no launcher tries it again. */
    public void forget() throws IOException {
        Files.deleteIfExists(dir.resolve(Protocol.ADDRESS));
    }
}
