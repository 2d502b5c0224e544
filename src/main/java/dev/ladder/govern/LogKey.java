package dev.ladder.govern;

import dev.ladder.support.UserFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The Ed25519 key that signs decision-log entries and checkpoints, in a file only its user may
 * read: {@code $LADDER_KEY_DIR/log-signing.key}, else {@code $XDG_CONFIG_HOME/ladder/},
 * else {@code $HOME/.config/ladder/}. Made on first use. A key file that is a link, belongs to
 * someone else, or that others may read or write is refused, never used.
 */
public final class LogKey {
    static final String FILE_NAME = "log-signing.key";
    private static final String HEADER = "ladder-log-key-1";
    private static final String ALGORITHM = "Ed25519";

    private final PrivateKey privateKey;
    private final String publicKey;

    private LogKey(PrivateKey privateKey, String publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** The directory the user's key lives in. */
    public static Path standardDirectory() {
        String configured = System.getenv("LADDER_KEY_DIR");
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : UserFiles.configBase().resolve("ladder");
    }

    /** The user's key, made on first use. */
    public static LogKey standard() throws IOException {
        return in(standardDirectory());
    }

    /** The user's key when one has been made; never makes one. */
    public static java.util.Optional<LogKey> standardIfMade() throws IOException {
        Path file = standardDirectory().resolve(FILE_NAME);
        return Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? java.util.Optional.of(in(standardDirectory()))
                : java.util.Optional.empty();
    }

    /** The key in {@code dir}, made on first use. */
    public static LogKey in(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            UserFiles.createPrivateFile(file, fresh());
        }
        if (!UserFiles.isPrivateFile(file)) {
            throw new IOException("the signing key " + file + " is not private to this user (it must be a regular file"
                    + " owned by " + System.getProperty("user.name") + " that no one else may read or write: chmod 600)");
        }
        return read(file);
    }

    private static byte[] fresh() throws IOException {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            Base64.Encoder base64 = Base64.getEncoder();
            return (HEADER + "\n" + base64.encodeToString(pair.getPrivate().getEncoded()) + "\n"
                    + base64.encodeToString(pair.getPublic().getEncoded()) + "\n").getBytes(StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make an Ed25519 key: " + e.getMessage(), e);
        }
    }

    private static LogKey read(Path file) throws IOException {
        if (Files.size(file) > 4096) {
            throw new IOException("the signing key " + file + " is not a Ladder key (too long)");
        }
        String[] lines = Files.readString(file, StandardCharsets.US_ASCII).split("\n");
        try {
            if (lines.length != 3 || !lines[0].equals(HEADER)) {
                throw new IllegalArgumentException("unexpected layout");
            }
            KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(lines[1])));
            String publicKey = lines[2];
            LogKey key = new LogKey(privateKey, publicKey);
            byte[] probe = "ladder-key-probe".getBytes(StandardCharsets.US_ASCII);
            if (!verifies(publicKey, probe, key.sign(probe))) {
                throw new IllegalArgumentException("its public half does not match its private half");
            }
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("the signing key " + file + " is not a Ladder key (" + e.getMessage() + ")", e);
        }
    }

    /** The public half, Base64 of its X.509 encoding: what entries and checkpoints carry. */
    public String publicKey() {
        return publicKey;
    }

    /** Signs {@code data}; Base64 of the Ed25519 signature. */
    public String sign(byte[] data) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(data);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
    }

    /** True when {@code signature} (Base64) is {@code publicKey}'s (Base64 X.509) signature of {@code data}. */
    public static boolean verifies(String publicKey, byte[] data, String signature) {
        try {
            PublicKey key = KeyFactory.getInstance(ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));
            Signature check = Signature.getInstance(ALGORITHM);
            check.initVerify(key);
            check.update(data);
            return check.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException malformed) {
            return false;
        }
    }

    /** A short name for a public key: the first 16 hex digits of its SHA-256. */
    public static String fingerprint(String publicKey) {
        return DecisionLog.sha256(publicKey.getBytes(StandardCharsets.US_ASCII)).substring(0, 16);
    }
}
