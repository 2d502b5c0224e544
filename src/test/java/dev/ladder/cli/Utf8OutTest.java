package dev.ladder.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8OutTest {
    private static final byte[] LINE = "naïve → ☃ \uD83D\uDE00\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void bytesGoStraightUnderWhatWasPrinted() throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        Utf8Out out = new Utf8Out(stream);
        out.print("before → ");
        OutputStream bytes = Utf8Out.bytesOf(out);
        bytes.write(LINE);
        bytes.flush();

        assertThat(stream.toString(StandardCharsets.UTF_8)).isEqualTo("before → naïve → ☃ \uD83D\uDE00\n");
    }

    @Test
    void anyOtherWriterGetsTheBytesDecodedEvenWhenACharacterIsSplitAcrossWrites() throws Exception {
        StringWriter text = new StringWriter();
        OutputStream bytes = Utf8Out.bytesOf(new PrintWriter(text));
        bytes.write(LINE, 0, 8);   // ends inside the three bytes of the arrow
        bytes.write(LINE, 8, LINE.length - 8);
        bytes.write(LINE);

        assertThat(text.toString()).isEqualTo("naïve → ☃ \uD83D\uDE00\n".repeat(2));
    }
}
