package dev.ladder.read;

import dev.ladder.Problem;
import dev.ladder.support.Printable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Optional;

/**
 * Finds the first explicit YAML tag ({@code !!java.io.File}, {@code !!str}, {@code !custom}) in
 * a document. Ladder's files are plain data; a tag asks a YAML loader to build some type, which
 * Ladder never does, so rather than ignore one silently it is refused, located. Reads parser
 * events only: nothing is constructed.
 */
public final class YamlTags {
    private YamlTags() {
    }

    /** A problem at the first tag in {@code text}, if it has one; a syntax error is left to the real reader. */
    public static Optional<Problem> refuse(String file, String text) {
        Deque<Frame> stack = new ArrayDeque<>();
        try {
            Iterator<Event> events = new Yaml(new LoaderOptions()).parse(new StringReader(text)).iterator();
            while (events.hasNext()) {
                Event event = events.next();
                if (event instanceof NodeEvent) {
                    Frame top = stack.peek();
                    boolean key = top != null && top.mapping && top.expectKey;
                    if (top != null && !top.mapping) {
                        top.index++;
                    }
                    String tag = tag(event);
                    if (tag != null) {
                        String path = path(stack, key);
                        return Optional.of(new Problem(file, event.getStartMark().getLine() + 1,
                                event.getStartMark().getColumn() + 1, path.isEmpty() ? null : path,
                                "a YAML tag (" + Printable.line(tag.replace("tag:yaml.org,2002:", "!!")) + ") is not allowed (expected plain values:"
                                        + " text, numbers, booleans, lists and maps)"));
                    }
                    if (event instanceof CollectionStartEvent) {
                        if (key) {
                            top.key = "?";
                            top.expectKey = false;
                        }
                        stack.push(new Frame(event instanceof MappingStartEvent));
                    } else if (key) {
                        top.key = event instanceof ScalarEvent scalar ? scalar.getValue() : "*";
                        top.expectKey = false;
                    } else if (top != null && top.mapping) {
                        top.expectKey = true;
                    }
                } else if (event instanceof CollectionEndEvent && !stack.isEmpty()) {
                    stack.pop();
                    Frame top = stack.peek();
                    if (top != null && top.mapping) {
                        top.expectKey = true;
                    }
                }
            }
        } catch (YAMLException syntax) {
            // the reader that follows reports it, located
        }
        return Optional.empty();
    }

    private static String tag(Event event) {
        if (event instanceof ScalarEvent scalar) {
            return scalar.getTag();
        }
        if (event instanceof CollectionStartEvent collection) {
            return collection.getTag();
        }
        return null;   // an alias names an anchor, not a type
    }

    /** The field path to the node being read: keys of mappings, [index] of lists. */
    private static String path(Deque<Frame> stack, boolean atKey) {
        StringBuilder path = new StringBuilder();
        Iterator<Frame> outermost = stack.descendingIterator();
        while (outermost.hasNext()) {
            Frame frame = outermost.next();
            if (frame.mapping) {
                if (frame == stack.peek() && atKey) {
                    break;
                }
                path.append(path.length() == 0 ? "" : ".").append(frame.key);
            } else {
                path.append('[').append(frame.index).append(']');
            }
        }
        return path.toString();
    }

    private static final class Frame {
        final boolean mapping;
        boolean expectKey = true;
        String key = "";
        int index = -1;

        Frame(boolean mapping) {
            this.mapping = mapping;
        }
    }
}
