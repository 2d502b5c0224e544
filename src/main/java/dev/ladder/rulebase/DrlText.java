package dev.ladder.rulebase;

/**
 * DRL source with comments and string literals blanked out, line breaks kept, so code can be
 * scanned for words without matching prose in a {@code @source} or a comment.
 */
final class DrlText {
    private DrlText() {
    }

    static String codeOnly(String drl) {
        StringBuilder out = new StringBuilder(drl.length());
        int i = 0;
        while (i < drl.length()) {
            char c = drl.charAt(i);
            char next = i + 1 < drl.length() ? drl.charAt(i + 1) : '\0';
            if (c == '/' && next == '/') {
                while (i < drl.length() && drl.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '/' && next == '*') {
                int end = drl.indexOf("*/", i + 2);
                end = end < 0 ? drl.length() : end + 2;
                blank(drl, i, end, out);
                i = end;
            } else if (drl.startsWith("\"\"\"", i)) {
                // a text block: blank it whole, keeping its line breaks
                int end = drl.indexOf("\"\"\"", i + 3);
                end = end < 0 ? drl.length() : end + 3;
                out.append("\"\"\"");
                blank(drl, i + 3, Math.max(i + 3, end - 3), out);
                if (end - 3 > i) {
                    out.append(end <= drl.length() && drl.startsWith("\"\"\"", end - 3) ? "\"\"\"" : "   ");
                }
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < drl.length() && drl.charAt(end) != c && drl.charAt(end) != '\n') {
                    end += drl.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, drl.length());
                out.append(c);
                blank(drl, i + 1, Math.max(i + 1, end - 1), out);
                if (end - 1 > i) {
                    char last = drl.charAt(end - 1);
                    out.append(last == c ? c : last == '\n' ? '\n' : ' ');
                }
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(String drl, int from, int to, StringBuilder out) {
        for (int j = from; j < to && j < drl.length(); j++) {
            out.append(drl.charAt(j) == '\n' ? '\n' : ' ');
        }
    }
}
