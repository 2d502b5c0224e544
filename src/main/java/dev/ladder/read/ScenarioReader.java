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
            java.util.List<Problem> problems = new java.util.ArrayList<>(java.util.List.of(problem));
            if (e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping) {
                problems.addAll(more(name, mapper, text, mapping, problem.field()));
            }
            throw new LadderException.BadInput(problems);
        } catch (java.io.IOException e) {
            throw bad(name, "cannot be read (" + e.getMessage() + ")");
        }
    }

    /** At most this many problems are reported for one file. */
    static final int MAX_PROBLEMS = 100;

    /**
     * The problems after the first, so that one run names every mistake: the file is read as a
     * tree, the field of each problem found is set aside and the rest read again, until it reads
     * or a problem cannot be set aside (a missing field). Each is located in the text by its path.
     */
    private static java.util.List<Problem> more(String name, com.fasterxml.jackson.databind.ObjectMapper mapper,
                                                String text, com.fasterxml.jackson.databind.JsonMappingException first,
                                                String firstField) {
        java.util.List<Problem> found = new java.util.ArrayList<>();
        java.util.Set<String> reported = new java.util.HashSet<>();
        reported.add(String.valueOf(firstField));
        com.fasterxml.jackson.databind.JsonNode tree;
        try {
            tree = mapper.readTree(text);
        } catch (IOException | RuntimeException notATree) {
            return found;
        }
        java.util.Set<String> setAside = new java.util.HashSet<>();
        com.fasterxml.jackson.databind.JsonMappingException current = first;
        while (found.size() < MAX_PROBLEMS - 1) {
            String pointer = pointer(current.getPath());
            if (pointer.isEmpty() || !setAside.add(pointer) || !remove(tree, pointer)) {
                break;
            }
            try {
                mapper.treeToValue(tree, Scenario.class);
                break;
            } catch (com.fasterxml.jackson.databind.JsonMappingException next) {
                if (setAside.contains(pointer(next.getPath()))) {
                    break;   // only missing because it was set aside
                }
                Problem p = Problems.of(name, next, Scenario.class);
                if (!reported.add(String.valueOf(p.field()))) {
                    break;   // a field set aside, now missing: already reported
                }
                int[] at = locate(mapper, text, pointer(next.getPath()), next instanceof UnrecognizedPropertyException);
                found.add(new Problem(name, at[0], at[1], p.field(), p.message()));
                current = next;
            } catch (IOException | RuntimeException other) {
                break;
            }
        }
        return found;
    }

    private static String pointer(java.util.List<com.fasterxml.jackson.databind.JsonMappingException.Reference> path) {
        StringBuilder pointer = new StringBuilder();
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                pointer.append('/').append(ref.getFieldName().replace("~", "~0").replace("/", "~1"));
            } else if (ref.getIndex() >= 0) {
                pointer.append('/').append(ref.getIndex());
            } else {
                return "";
            }
        }
        return pointer.toString();
    }

    /** Removes the field or list element at {@code pointer}; false when there is none. */
    private static boolean remove(com.fasterxml.jackson.databind.JsonNode tree, String pointer) {
        com.fasterxml.jackson.core.JsonPointer at = com.fasterxml.jackson.core.JsonPointer.compile(pointer);
        com.fasterxml.jackson.databind.JsonNode parent = tree.at(at.head());
        String last = at.last().getMatchingProperty();
        if (parent instanceof com.fasterxml.jackson.databind.node.ObjectNode object && object.has(last)) {
            object.remove(last);
            return true;
        }
        if (parent instanceof com.fasterxml.jackson.databind.node.ArrayNode array && at.last().getMatchingIndex() >= 0
                && at.last().getMatchingIndex() < array.size()) {
            array.remove(at.last().getMatchingIndex());
            return true;
        }
        return false;
    }

    /**
     * Line and column of the value at {@code pointer} in the text (of its key when {@code key}
     * is asked for, as for an unknown field, or when there is no value), else {0, 0}.
     */
    private static int[] locate(com.fasterxml.jackson.databind.ObjectMapper mapper, String text, String pointer,
                                boolean keyFirst) {
        int[] key = {0, 0};
        try (com.fasterxml.jackson.core.JsonParser p = mapper.createParser(text)) {
            for (com.fasterxml.jackson.core.JsonToken token = p.nextToken(); token != null; token = p.nextToken()) {
                String here = p.getParsingContext().pathAsPointer().toString();
                com.fasterxml.jackson.core.JsonLocation where = p.currentTokenLocation();
                if (token == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                    if (here.equals(pointer) && key[0] == 0) {
                        key = new int[] {where.getLineNr(), where.getColumnNr()};
                        if (keyFirst) {
                            return key;
                        }
                    }
                } else if (here.equals(pointer) && token != com.fasterxml.jackson.core.JsonToken.END_OBJECT
                        && token != com.fasterxml.jackson.core.JsonToken.END_ARRAY) {
                    return new int[] {where.getLineNr(), where.getColumnNr()};
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // the key's place, if it was found, is the best there is
        }
        return key;
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
