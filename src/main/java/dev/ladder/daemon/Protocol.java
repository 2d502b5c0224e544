package dev.ladder.daemon;

import dev.ladder.support.Sha256;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

/**
 * How a client and a daemon speak, one connection per command, lines ending in LF:
 * <ol>
 *   <li>the client: {@link #NAME} and a fresh random nonce;</li>
 *   <li>the daemon: {@link #NAME} and the SHA-256 (hex) of {@code proof:nonce:proof}, which
 *       only the holder of the address file's proof can compute, so the client knows it talks
 *       to the daemon of its address file and not to whoever took the port after a crash. The
 *       daemon says nothing before the client's nonce, and never the proof itself;</li>
 *   <li>the client: the token, then {@code stop}, or {@code run}, the reply directory, the flags
 *       ({@code terminal} and {@code merged} as 1 or 0, e.g. {@code 10}), the argument count, and
 *       each argument followed by a NUL byte;</li>
 *   <li>the daemon: {@code started} before it runs the command (or {@code denied},
 *       {@code moved}, or {@code busy} while another command runs, and runs nothing), then the
 *       exit code.</li>
 * </ol>
 * The names both sides share (the protocol, the main class, the files, the waits) are defined
 * once, in {@code ladder/daemon.properties}, which the launcher reads too.
 */
public final class Protocol {
    private static final Properties SHARED = shared();

    /** The first word of each side's greeting. */
    public static final String NAME = SHARED.getProperty("protocol");
    /** The class the launcher starts as a daemon. */
    public static final String MAIN = SHARED.getProperty("main");
    /** The daemons' directory under the runtime base, one directory per daemon below it. */
    public static final String HOME = SHARED.getProperty("home");
    /** A daemon's address file: "port token proof pid directory", readable by its user alone. */
    public static final String ADDRESS = SHARED.getProperty("address");
    /** A daemon's log. */
    public static final String LOG = SHARED.getProperty("log");
    /** How long either side waits for the other's greeting, and a daemon for a whole request. */
    public static final int GREETING_MILLIS = Integer.parseInt(SHARED.getProperty("greetingSeconds")) * 1000;
    /** How long a daemon waits for a command before it exits, unless told otherwise. */
    public static final long IDLE_SECONDS = Long.parseLong(SHARED.getProperty("idleSeconds"));

    static final int MAX_LINE = 4096;

    private Protocol() {
    }

    private static Properties shared() {
        Properties properties = new Properties();
        try (InputStream in = Protocol.class.getResourceAsStream("/ladder/daemon.properties")) {
            if (in == null) {
                throw new IllegalStateException("ladder/daemon.properties is part of the program");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** 32 random bytes in hex: a token, a proof or a nonce. */
    static String secret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * The client's half of the handshake: sends a fresh nonce and checks that the answer is the
     * one only the holder of {@code proof} can give.
     */
    public static boolean authenticate(OutputStream out, InputStream in, String proof) throws IOException {
        String nonce = secret();
        out.write((NAME + " " + nonce + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        byte[] expected = (NAME + " " + response(proof, nonce)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, line(in, MAX_LINE).getBytes(StandardCharsets.US_ASCII));
    }

    /** The daemon's answer to a nonce: SHA-256 of {@code proof:nonce:proof}, in hex. */
    public static String response(String proof, String nonce) {
        return Sha256.of((proof + ":" + nonce + ":" + proof).getBytes(StandardCharsets.US_ASCII));
    }

    /** One line, without its LF, of at most {@code max} bytes. */
    public static String line(InputStream in, int max) throws IOException {
        return line(in, max, 0);
    }

    static String line(InputStream in, int max, long deadline) throws IOException {
        return new String(until(in, '\n', max, deadline), StandardCharsets.UTF_8);
    }

    /** The bytes before {@code end}; a request that is longer or slower than allowed is cut off. */
    static byte[] until(InputStream in, int end, int max, long deadline) throws IOException {
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
