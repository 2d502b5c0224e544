package dev.ladder.support;

/**
 * Text from a scenario, a rule file or a file name made safe for one line of a terminal: control
 * characters (C0, DEL, C1) and the Unicode controls that reorder or hide text (bidirectional
 * overrides and isolates, zero-width joiners aside) are written as visible escapes, so an input
 * can neither forge a line of output, move the cursor, nor split one message into several.
 */
public final class Printable {
    private Printable() {
    }

    /** {@code text} with every control character escaped: {@code \n}, {@code \t}, {@code \r}, else {@code \}{@code uXXXX}. */
    public static String line(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escape = escape(c);
            if (escape != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (escape != null) {
                    out.append(escape);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    private static String escape(char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                return unsafe(c) ? String.format("\\u%04x", (int) c) : null;
        }
    }

    /** C0 and C1 controls, DEL, bidirectional overrides and isolates, line and paragraph separators. */
    static boolean unsafe(char c) {
        return c < 0x20 || c >= 0x7f && c <= 0x9f
                || c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069'
                || c == '\u200e' || c == '\u200f' || c == '\u061c'
                || c == '\u2028' || c == '\u2029';
    }
}
