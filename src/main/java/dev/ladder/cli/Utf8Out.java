package dev.ladder.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * A command's output as UTF-8 text whatever the locale, keeping the byte stream beneath it for
 * output that is UTF-8 already, such as the records of a batch.
 */
final class Utf8Out extends PrintWriter {
    private final OutputStream bytes;

    Utf8Out(OutputStream bytes) {
        super(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), true);
        this.bytes = bytes;
    }

    /**
     * Where to write UTF-8 bytes so they land in {@code out} after what it has printed: the
     * stream beneath a {@code Utf8Out}; for any other writer, the bytes decoded a line at a time.
     */
    static OutputStream bytesOf(PrintWriter out) {
        out.flush();
        if (out instanceof Utf8Out utf8) {
            return utf8.bytes;
        }
        return new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public void write(int b) {
                line.write(b);
                if (b == '\n') {
                    flush();
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                for (int i = off; i < off + len; i++) {
                    write(b[i]);
                }
            }

            @Override
            public void flush() {
                out.write(line.toString(StandardCharsets.UTF_8));
                line.reset();
                out.flush();
            }
        };
    }
}
