package dev.ladder.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ladder.report.DecisionJson;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.function.Consumer;

/** The {@code --format text|json} option of the reporting commands, and printing in either. */
final class ReportFormat {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text (for a person) or json (for CI). Default: ${DEFAULT-VALUE}.")
    Format format;

    /** Prints {@code report} as indented JSON, or as {@code text} writes it. */
    void print(PrintWriter out, Object report, Consumer<PrintWriter> text) {
        if (format != Format.json && format != Format.text) {
            throw new ParameterException(command.commandLine(), "--format takes text or json for this report, not " + format);
        }
        if (format == Format.json) {
            try {
                out.println(DecisionJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("reports are always serialisable", e);
            }
        } else {
            text.accept(out);
        }
        out.flush();
    }
}
