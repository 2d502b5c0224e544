package dev.ladder.cache;

import dev.ladder.rulebase.Parameters;
import dev.ladder.rulebase.RuleInfo;
import dev.ladder.rulebase.RuleSandbox;
import dev.ladder.rulebase.Versions;
import dev.ladder.support.UserFiles;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.kie.api.definition.KiePackage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Compiled rule packages saved between runs, keyed by the rule set's SHA-256, so an unchanged
 * rule base starts without recompiling its DRL. Each entry is signed with HMAC-SHA256 under a
 * key private to this user; a cache entry that is corrupt, truncated, from another build or
 * written by anyone else fails the check before anything is deserialised, and is rebuilt.
 */
final class RuleCache {
    /**
     * Changes whenever the way rules are compiled or checked changes, so older entries are not
     * reused: an entry holds only rules that passed the sandbox of its own version.
     */
    private static final byte[] MAGIC = "LADDER-KBASE-6\n".getBytes(StandardCharsets.US_ASCII);
    private static final int MAC_LENGTH = 32;
    /** Entries kept: enough for a few rule bases and branches, bounded as rule edits accumulate. */
    static final int KEEP = 8;

    /** What a cache entry restores. */
    /**
     * A cached entry. {@code parameters} are those parsed when it was saved, null when the
     * parameters file has changed since: the compiled rules do not depend on it.
     */
    record Compiled(Collection<KiePackage> packages, Map<String, RuleInfo> rules, Parameters parameters) {
    }

    private final Path dir;

    private RuleCache(Path dir) {
        this.dir = dir;
    }

    /** The cache in {@code $LADDER_CACHE_DIR}, else {@code $XDG_CACHE_HOME/ladder}, else {@code ~/.cache/ladder}; none when set to "off". */
    static Optional<RuleCache> standard() {
        String configured = System.getenv("LADDER_CACHE_DIR");
        if ("off".equals(configured)) {
            return Optional.empty();
        }
        if (configured != null && !configured.isBlank()) {
            return Optional.of(new RuleCache(Path.of(configured)));
        }
        return Optional.of(new RuleCache(dev.ladder.support.UserFiles.cacheBase().resolve("ladder")));
    }

    static RuleCache in(Path dir) {
        return new RuleCache(dir);
    }

    private Path entry(String rulesetSha256) {
        return dir.resolve("kbase-" + rulesetSha256 + "-" + Versions.engine().version() + "-drools"
                + Versions.engine().drools() + "-" + SANDBOX.substring(0, 16) + ".bin");
    }

    /** An entry holds rules that passed one version of the sandbox: a build that checks differently never reuses it. */
    private static final String SANDBOX = RuleSandbox.fingerprint();

    /**
     * The compiled rules of these {@code *.drl} files, if a trustworthy entry exists, with the
     * parameters saved beside them when the parameters file still has the hash {@code parametersSha256}.
     */
    Optional<Compiled> load(String rulesetSha256, String parametersSha256) {
        Path file = entry(rulesetSha256);
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length < MAGIC.length + MAC_LENGTH
                    || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
                return Optional.empty();
            }
            byte[] mac = Arrays.copyOfRange(bytes, MAGIC.length, MAGIC.length + MAC_LENGTH);
            byte[] payload = Arrays.copyOfRange(bytes, MAGIC.length + MAC_LENGTH, bytes.length);
            if (!MessageDigest.isEqual(mac, mac(rulesetSha256, payload))) {
                return Optional.empty();
            }
            try (ObjectInputStream in = new DroolsObjectInputStream(new ByteArrayInputStream(payload),
                    RuleCache.class.getClassLoader())) {
                @SuppressWarnings("unchecked")
                Collection<KiePackage> packages = (Collection<KiePackage>) in.readObject();
                @SuppressWarnings("unchecked")
                List<RuleInfo> rules = (List<RuleInfo>) in.readObject();
                String savedParametersSha256 = (String) in.readObject();
                @SuppressWarnings("unchecked")
                List<dev.ladder.model.Param> params = (List<dev.ladder.model.Param>) in.readObject();
                Map<String, RuleInfo> byName = new LinkedHashMap<>();
                rules.forEach(r -> byName.put(r.name(), r));
                return Optional.of(new Compiled(packages, byName,
                        savedParametersSha256.equals(parametersSha256) ? Parameters.of(params) : null));
            }
        } catch (IOException | ClassNotFoundException | ClassCastException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    /** Saves a compiled rule base; a cache that cannot be written is simply not used. */
    void save(String rulesetSha256, Collection<KiePackage> packages, Map<String, RuleInfo> rules,
              String parametersSha256, Parameters parameters) {
        try {
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new DroolsObjectOutputStream(payload)) {
                out.writeObject(new ArrayList<>(packages));
                out.writeObject(new ArrayList<>(rules.values()));
                out.writeObject(parametersSha256);
                out.writeObject(new ArrayList<>(parameters.all()));
            }
            byte[] body = payload.toByteArray();
            UserFiles.createPrivateDirectory(dir);
            Path temp = Files.createTempFile(dir, "kbase-", ".tmp");
            try {
                ByteArrayOutputStream file = new ByteArrayOutputStream();
                file.write(MAGIC);
                file.write(mac(rulesetSha256, body));
                file.write(body);
                Files.write(temp, file.toByteArray());
                try {
                    Files.move(temp, entry(rulesetSha256), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, entry(rulesetSha256), StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
            evictOldest();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // the cache only saves time; a decision never depends on it
        }
    }

    /** Keeps the {@link #KEEP} most recently written entries. */
    private void evictOldest() throws IOException {
        List<Path> entries;
        try (var files = Files.list(dir)) {
            entries = files.filter(f -> f.getFileName().toString().startsWith("kbase-")
                            && f.getFileName().toString().endsWith(".bin"))
                    .sorted(java.util.Comparator.comparing((Path f) -> {
                        try {
                            return Files.getLastModifiedTime(f);
                        } catch (IOException e) {
                            return java.nio.file.attribute.FileTime.fromMillis(0);
                        }
                    }).reversed())
                    .toList();
        }
        for (Path old : entries.subList(Math.min(KEEP, entries.size()), entries.size())) {
            Files.deleteIfExists(old);
        }
    }

    private byte[] mac(String rulesetSha256, byte[] payload) throws IOException, GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key(), "HmacSHA256"));
        mac.update(rulesetSha256.getBytes(StandardCharsets.US_ASCII));
        mac.update(Versions.engine().version().getBytes(StandardCharsets.UTF_8));
        mac.update(Versions.engine().drools().getBytes(StandardCharsets.UTF_8));
        mac.update(SANDBOX.getBytes(StandardCharsets.US_ASCII));
        return mac.doFinal(payload);
    }

    /**
     * A random key readable only by this user, made on first use. A key that is a link, belongs to
     * someone else or that others may read or write is not trusted: the cache is then unusable.
     */
    private byte[] key() throws IOException {
        Path key = dir.resolve("key");
        if (!Files.exists(key, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            UserFiles.createPrivateFile(key, fresh);
        }
        if (!UserFiles.isPrivateFile(key) || Files.size(key) != 32) {
            throw new IOException("the cache key " + key + " is not private to this user");
        }
        return Files.readAllBytes(key);
    }
}
