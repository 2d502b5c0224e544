package dev.ladder.support;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The user's own directories and files: where they are (resolved from the environment the way
 * the {@code ./ladder} launcher resolves them) and how a file only its owner may read is made and
 * recognised.
 */
public final class UserFiles {
    private UserFiles() {
    }

    /** {@code $HOME}, as the shell sees it; the account's home directory when it is unset. */
    public static Path home() {
        return Path.of(nonBlank(System.getenv("HOME"), System.getProperty("user.home")));
    }

    /** {@code $XDG_CACHE_HOME}, else {@code $HOME/.cache}. */
    public static Path cacheBase() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg) : home().resolve(".cache");
    }

    /** {@code $XDG_RUNTIME_DIR}, else the cache base. */
    public static Path runtimeBase() {
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        return runtime != null && !runtime.isBlank() ? Path.of(runtime) : cacheBase();
    }

    /** {@code $XDG_CONFIG_HOME}, else {@code $HOME/.config}. */
    public static Path configBase() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg) : home().resolve(".config");
    }

    private static String nonBlank(String value, String otherwise) {
        return value != null && !value.isBlank() ? value : otherwise;
    }

    /**
     * True when {@code file} is a regular file (not a link) that this user owns and that nobody
     * else may read or write. On a file system without POSIX permissions, any regular file.
     */
    public static boolean isPrivateFile(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        return ownedAndClosed(file);
    }

    /** True when {@code dir} is a directory (not a link) this user owns and nobody else may enter. */
    public static boolean isPrivateDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        return ownedAndClosed(dir);
    }

    private static boolean ownedAndClosed(Path path) throws IOException {
        try {
            PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return attributes.owner().getName().equals(System.getProperty("user.name"))
                    && attributes.permissions().stream().noneMatch(UserFiles::others);
        } catch (UnsupportedOperationException notPosix) {
            return true;
        }
    }

    private static boolean others(PosixFilePermission permission) {
        return permission.name().startsWith("GROUP") || permission.name().startsWith("OTHERS");
    }

    /** Creates {@code dir} (and its parents) with owner-only permissions when it does not exist. */
    public static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(dir);
        }
    }

    /**
     * Writes {@code content} to {@code file} readable by its owner only, all at once: another
     * process sees either no file or the whole of it. When another process made the file first,
     * its content stands and false is returned.
     */
    public static boolean createPrivateFile(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        createPrivateDirectory(dir);
        Path temp = Files.createTempFile(dir, file.getFileName() + "-", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the file system has no POSIX permissions; the directory's protection applies
            }
            Files.write(temp, content);
            try {
                Files.createLink(file, temp); // fails when the file exists: never replaces another's
            } catch (UnsupportedOperationException noHardLinks) {
                if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    return false;
                }
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            }
            return true;
        } catch (FileAlreadyExistsException raced) {
            return false;
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
