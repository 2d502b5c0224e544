package dev.ladder.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.ladder.LadderException;
import dev.ladder.Problem;
import dev.ladder.model.Scenario;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads scenario files strictly. Anything but a valid scenario is a {@link LadderException.BadInput}
 * naming the file, line, column and field, and what is allowed.
 */
public final class ScenarioReader {
    /** Far above any real scenario (a few kilobytes); keeps a stray log or dump out of memory. */
    public static final long MAX_FILE_BYTES = 1024 * 1024;

    private ScenarioReader() {
    }

    /** Reads one scenario file, JSON or YAML by its extension. */
    public static Scenario read(Path file) throws LadderException.BadInput {
        String name = file.toString();
        if (!(name.toLowerCase(java.util.Locale.ROOT).endsWith(".json") || StrictMapper.isYaml(name))) {
            throw bad(name, "unsupported file type (expected a .json, .yaml or .yml scenario file)");
        }
        if (Files.isDirectory(file)) {
            throw bad(name, "is a directory (expected a scenario file)");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // a device, fifo or socket: reading it could block forever or never end
            throw bad(name, "is not a regular file (a device, pipe or socket; expected a scenario file)");
        }
        byte[] bytes;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            // bounded whatever the file claims: it may grow while it is read
            bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw bad(name, "is over " + MAX_FILE_BYTES + " bytes (expected at most " + MAX_FILE_BYTES + " bytes)");
            }
        } catch (NoSuchFileException e) {
            throw bad(name, "no such file");
        } catch (AccessDeniedException e) {
            throw bad(name, "cannot be read (permission denied)");
        } catch (IOException e) {
            throw bad(name, "cannot be read (" + e.getMessage() + ")");
        }
        return parse(name, bytes);
    }

    /**
     * Reads every file, all or nothing: when any is bad, the problems of all of them are thrown
     * together and no scenario is returned.
     */
    public static java.util.List<Scenario> readAll(java.util.List<Path> files) throws LadderException.BadInput {
        java.util.List<Scenario> scenarios = new java.util.ArrayList<>();
        java.util.List<Problem> problems = new java.util.ArrayList<>();
        for (Path file : files) {
            try {
                scenarios.add(read(file));
            } catch (LadderException.BadInput bad) {
                problems.addAll(bad.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new LadderException.BadInput(problems);
        }
        return scenarios;
    }

    /**
     * Reads one scenario from bytes; {@code name} names the source in problems and chooses
     * JSON or YAML by its extension.
     */
    public static Scenario parse(String name, byte[] bytes) throws LadderException.BadInput {
        if (bytes.length > MAX_FILE_BYTES) {
            throw bad(name, "is " + bytes.length + " bytes (expected at most " + MAX_FILE_BYTES + " bytes)");
        }
        String text = decode(name, bytes);
        if (text.isBlank()) {
            throw bad(name, "is empty (expected a scenario object with at least an id)");
        }
        Scenario scenario;
        if (StrictMapper.isYaml(name)) {
            java.util.Optional<Problem> tagged = YamlTags.refuse(name, text);
            if (tagged.isPresent()) {
                throw new LadderException.BadInput(tagged.get());
            }
        }
        com.fasterxml.jackson.databind.ObjectMapper mapper = StrictMapper.forFile(name);
        try (com.fasterxml.jackson.core.JsonParser parser = mapper.createParser(text)) {
            scenario = read(name, mapper, parser, text);
        } catch (java.io.IOException e) {
            throw bad(name, "cannot be read (" + e.getMessage() + ")");
        }
        if (scenario == null) {
            throw bad(name, "holds only null (expected a scenario object with at least an id)");
        }
        scenario.indexAttempts();
        return scenario;
    }

    private static Scenario read(String name, com.fasterxml.jackson.databind.ObjectMapper mapper,
                                 com.fasterxml.jackson.core.JsonParser parser, String text) throws LadderException.BadInput {
        try {
            return mapper.readValue(parser, Scenario.class);
        } catch (JsonProcessingException e) {
            Problem problem = Problems.locateLimit(Problems.of(name, e, Scenario.class), e, parser, text);
            if (e instanceof UnrecognizedPropertyException unknown) {
                problem = Problems.atKey(problem, text, unknown.getPropertyName());
            }
            throw new LadderException.BadInput(problem);
        } catch (java.io.IOException e) {
            throw bad(name, "cannot be read (" + e.getMessage() + ")");
        }
    }

    private static String decode(String name, byte[] bytes) throws LadderException.BadInput {
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            throw new LadderException.BadInput(new Problem(name, 1, 1, null,
                    "starts with a byte-order mark (save the file as UTF-8 without BOM)"));
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw bad(name, "is binary, not text (byte " + i + " is NUL; expected UTF-8 JSON or YAML)");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw bad(name, "is not UTF-8 text (expected UTF-8 JSON or YAML)");
        }
    }

    private static LadderException.BadInput bad(String name, String message) {
        return new LadderException.BadInput(Problem.ofFile(name, message));
    }
}
