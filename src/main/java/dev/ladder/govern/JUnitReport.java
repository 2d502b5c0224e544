package dev.ladder.govern;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@code ladder test} report as JUnit XML, the format CI servers read: one test case per
 * scenario, failed with its differences from the expectation; rules that never fired are listed
 * in the suite's properties.
 */
public final class JUnitReport {
    private JUnitReport() {
    }

    /** Writes {@code report} to {@code file}, replacing it. */
    public static void write(Expectations.Report report, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, StandardCharsets.UTF_8.name());
            xml.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", "ladder test");
            xml.writeAttribute("tests", Integer.toString(report.results().size()));
            xml.writeAttribute("failures", Long.toString(report.failed()));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", "0");
            xml.writeCharacters("\n  ");
            xml.writeStartElement("properties");
            property(xml, "ruleCoveragePercent", String.format(java.util.Locale.ROOT, "%.1f", report.coveragePercent()));
            property(xml, "neverFired", String.join(", ", report.neverFired()));
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
            for (Expectations.Result result : report.results()) {
                xml.writeCharacters("\n  ");
                xml.writeStartElement("testcase");
                xml.writeAttribute("classname", "ladder." + clean(result.file()));
                xml.writeAttribute("name", clean(result.scenario() == null ? result.file() : result.scenario()));
                xml.writeAttribute("file", clean(result.file()));
                if (!result.passed()) {
                    String differences = clean(String.join("\n", result.differences()));
                    xml.writeCharacters("\n    ");
                    xml.writeStartElement("failure");
                    xml.writeAttribute("message", clean(result.differences().get(0)));
                    xml.writeAttribute("type", "ExpectationNotMet");
                    xml.writeCharacters(differences);
                    xml.writeEndElement();
                    xml.writeCharacters("\n  ");
                }
                xml.writeEndElement();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", clean(value));
    }

    /** Text XML 1.0 can hold: characters it forbids (control characters from a file name, say) become U+FFFD. */
    static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000 ? c : 0xFFFD));
        return out.toString();
    }
}
