package dev.ladder.rulebase;

import dev.ladder.LadderException;
import dev.ladder.Problem;
import dev.ladder.support.Sha256;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The files of a rule base, read once: every {@code *.drl} and the parameters file, in name
 * order, with the SHA-256 that identifies the rule set.
 *
 * @param display how the directory is shown in problems and in the trail
 * @param files   file name to content, in name order
 * @param sha256  over each file's name and bytes, in name order
 */
public record RuleFiles(String display, Map<String, byte[]> files, String sha256) {
    /** Where the packaged copy of the rule base sits on the class path. */
    static final String PACKAGED = "ladder/rules/";

    /** Reads the rule base in {@code dir}. */
    public static RuleFiles read(Path dir) throws LadderException.BadInput {
        String display = dir.toString().replace('\\', '/');
        if (!Files.isDirectory(dir)) {
            throw new LadderException.BadInput(Problem.ofFile(display, "is not a directory of rule files"));
        }
        return read(dir, display);
    }

    private static RuleFiles packaged;

    /** Reads the rule base packaged with the program, once: it cannot change while the program runs. */
    public static synchronized RuleFiles packaged() throws LadderException.BadInput {
        if (packaged == null) {
            packaged = readPackaged();
        }
        return packaged;
    }

    private static RuleFiles readPackaged() throws LadderException.BadInput {
        URL marker = RuleFiles.class.getClassLoader().getResource(PACKAGED + Parameters.FILE);
        if (marker == null) {
            throw new LadderException.BadInput(Problem.ofFile(PACKAGED, "no rule base is packaged with this build"));
        }
        try {
            URI uri = marker.toURI();
            if ("jar".equals(uri.getScheme())) {
                try {
                    // a file system someone else opened on this jar is theirs to close
                    return read(FileSystems.getFileSystem(uri).getPath("/" + PACKAGED), "rules");
                } catch (FileSystemNotFoundException notOpenYet) {
                    try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                        return read(jar.getPath("/" + PACKAGED), "rules");
                    }
                }
            }
            return read(Path.of(uri).getParent(), "rules");
        } catch (URISyntaxException | IOException e) {
            throw new LadderException.BadInput(Problem.ofFile(PACKAGED, "cannot read the packaged rule base: " + e));
        }
    }

    /** No rule or parameters file is longer; the project's largest is a few dozen kilobytes. */
    static final int MAX_FILE_BYTES = 4 * 1024 * 1024;

    private static RuleFiles read(Path dir, String display) throws LadderException.BadInput {
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<Path> paths;
        try (Stream<Path> listing = Files.list(dir)) {
            paths = listing.filter(p -> {
                String name = p.getFileName().toString();
                return name.endsWith(".drl") || name.equals(Parameters.FILE);
            }).sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
        } catch (IOException | UncheckedIOException e) {
            throw new LadderException.BadInput(Problem.ofFile(display, "cannot list the rule files: " + e.getMessage()));
        }
        List<Problem> problems = new ArrayList<>();
        for (Path path : paths) {
            String shown = display + "/" + path.getFileName();
            if (!Files.isRegularFile(path)) {
                problems.add(Problem.ofFile(shown, "is not a regular file (a directory, device, pipe or socket;"
                        + " expected a rule file)"));
                continue;
            }
            try (java.io.InputStream in = Files.newInputStream(path)) {
                byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
                if (bytes.length > MAX_FILE_BYTES) {
                    problems.add(Problem.ofFile(shown, "is over " + MAX_FILE_BYTES + " bytes (expected at most "
                            + MAX_FILE_BYTES + " bytes per rule file)"));
                    continue;
                }
                files.put(path.getFileName().toString(), bytes);
            } catch (IOException e) {
                problems.add(Problem.ofFile(display + "/" + path.getFileName(), "cannot be read: " + e.getMessage()));
            }
        }
        if (!files.containsKey(Parameters.FILE)) {
            problems.add(Problem.ofFile(display + "/" + Parameters.FILE, "missing (the rule base needs its parameters)"));
        }
        if (files.keySet().stream().noneMatch(name -> name.endsWith(".drl"))) {
            problems.add(Problem.ofFile(display, "has no .drl rule files"));
        }
        if (!problems.isEmpty()) {
            throw new LadderException.BadInput(problems);
        }
        return new RuleFiles(display, Collections.unmodifiableMap(files), hash(files));
    }

    /**
     * The SHA-256 of the {@code *.drl} files alone: what the compiled rules depend on. The
     * parameters are facts, so editing them needs no recompiling.
     */
    public String drlSha256() {
        Map<String, byte[]> drl = new LinkedHashMap<>(files);
        drl.keySet().removeIf(name -> !name.endsWith(".drl"));
        return hash(drl);
    }

    /** The SHA-256 of one file's bytes. */
    public String sha256Of(String fileName) {
        return sha256(files.getOrDefault(fileName, new byte[0]));
    }

    static String sha256(byte[] bytes) {
        return Sha256.of(bytes);
    }

    private static String hash(Map<String, byte[]> files) {
        MessageDigest digest = Sha256.digest();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            digest.update(file.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(file.getValue());
            digest.update((byte) 0);
        }
        return Sha256.hex(digest);
    }

    /** A file as displayed: {@code rules/knowledge.drl}. */
    public String display(String fileName) {
        return display + "/" + fileName;
    }
}
