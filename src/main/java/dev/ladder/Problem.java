package dev.ladder;

import dev.ladder.support.Printable;

/**
 * One located problem with an input: a scenario file, a rule file or the parameters file.
 * Reads as {@code FILE:LINE:COL: field.path: what is wrong (what is allowed)}.
 *
 * @param file  the file as the user named it
 * @param line  1-based line, or 0 when the problem concerns the whole file
 * @param column 1-based column, or 0 when unknown
 * @param field the field path in a scenario, or null for rule and file problems
 * @param message what is wrong, and what is allowed
 */
public record Problem(String file, int line, int column, String field, String message) {

    /** A problem with a whole file, such as an empty or unreadable one. */
    public static Problem ofFile(String file, String message) {
        return new Problem(file, 0, 0, null, message);
    }

    /** One line, whatever the file name, field or message hold: control characters are escaped. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(Printable.line(file));
        if (line > 0) {
            text.append(':').append(line).append(':').append(Math.max(column, 1));
        }
        text.append(": ");
        if (field != null && !field.isEmpty()) {
            text.append(Printable.line(field)).append(": ");
        }
        return text.append(Printable.line(message)).toString();
    }
}
