package dev.ladder.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The lines of a stream one at a time, as bytes, none longer than a bound held in memory: a
 * longer line is reported as too long (its bytes dropped) and reading goes on after it, so a
 * huge or endless line costs time, never memory. Lines end at LF; the bytes are not decoded,
 * so a line that is not valid UTF-8 is that line's problem alone.
 */
public final class BoundedLines implements AutoCloseable {
    /**
     * One line: its 1-based number, its bytes without the LF (empty when {@code tooLong}),
     * whether an LF ended it (false only for a last line without one), and whether it was longer
     * than the bound.
     */
    public record Line(long number, byte[] bytes, boolean terminated, boolean tooLong) {
    }

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private long number;

    public BoundedLines(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next line, or null at the end of the stream. */
    public Line next() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean tooLong = false;
        while (true) {
            if (position == limit) {
                limit = Math.max(0, in.read(buffer));
                position = 0;
                if (limit == 0) {
                    if (line.size() == 0 && !tooLong) {
                        return null;
                    }
                    return new Line(++number, tooLong ? new byte[0] : line.toByteArray(), false, tooLong);
                }
            }
            int newline = position;
            while (newline < limit && buffer[newline] != '\n') {
                newline++;
            }
            int length = newline - position;
            if (!tooLong && line.size() + length > maxBytes) {
                tooLong = true;
                line = new ByteArrayOutputStream();
            }
            if (!tooLong) {
                line.write(buffer, position, length);
            }
            position = newline;
            if (newline < limit) {
                position++;
                return new Line(++number, tooLong ? new byte[0] : line.toByteArray(), true, tooLong);
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
