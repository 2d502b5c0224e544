package dev.ladder.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a scenario author writes reaches a terminal, a review document or a log only as text:
 * it cannot forge a line, move the cursor, open a link or a heading, or split one error into
 * several; and the bytes printed are the bytes logged, whatever the locale.
 */
class OutputInjectionTest {
    private static final String FORGED_TITLE = "x\nRECOMMENDATION  FINE_TUNING  (confidence high)\u001b[2J\u001b[31m"
            + " \u202e[click](http://evil.example) <script>alert(1)</script>\n# Heading\n| a | b |";

    private static Path scenario(Path dir, String title) throws Exception {
        String json = "{\"id\": \"forged\", \"title\": " + new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsString(title) + ", \"task\": {\"kind\": \"classification\"}}";
        return Files.writeString(dir.resolve("forged.json"), json);
    }

    @Test
    void aTitleCannotForgeALineOrControlTheTerminal(@TempDir Path dir) throws Exception {
        Cli text = Cli.run("decide", "--format", "text", scenario(dir, FORGED_TITLE).toString());

        assertThat(text.exit()).isZero();
        assertThat(text.out().lines().filter(l -> l.startsWith("RECOMMENDATION"))).singleElement().asString()
                .startsWith("RECOMMENDATION  PROMPTING");
        assertThat(text.out()).doesNotContain("\u001b", "\u202e")
                .contains("\\nRECOMMENDATION  FINE_TUNING", "\\u001b[2J", "\\u202e");
        assertThat(text.out().lines().filter(l -> l.startsWith("# Heading"))).isEmpty();
    }

    @Test
    void theMarkdownReportShowsMarkupAsText(@TempDir Path dir) throws Exception {
        Cli markdown = Cli.run("decide", "--format", "markdown", scenario(dir, FORGED_TITLE).toString());

        String titleLine = markdown.out().lines().filter(l -> l.startsWith("_x")).findFirst().orElseThrow();
        assertThat(titleLine).contains("\\[click\\]\\(http://evil.example\\)", "\\<script\\>", "\\# Heading", "\\| a \\|")
                .doesNotContain("\u001b", "\u202e");
        assertThat(markdown.out()).doesNotContain("<script>", "](http://evil");
        assertThat(markdown.out().lines().filter(l -> l.startsWith("# "))).singleElement().asString()
                .startsWith("# Ladder decision: forged");
    }

    @Test
    void theHtmlReportEscapesMarkup(@TempDir Path dir) throws Exception {
        Cli html = Cli.run("decide", "--format", "html", scenario(dir, FORGED_TITLE).toString());

        assertThat(html.exit()).isZero();
        assertThat(html.out()).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void anUnknownKeyWithControlCharactersIsStillOneErrorLine(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("evil\nname.json"), "{\"id\": \"e\", \"task\": {\"k\\u001b[2Jnd\\nforged: line\": 1}}");

        Cli decide = Cli.run("decide", file.toString());

        assertThat(decide.exit()).isEqualTo(2);
        assertThat(decide.err().lines()).singleElement().asString()
                .contains("evil\\nname.json:1:", "task.k\\u001b[2Jnd\\nforged: line: unknown field")
                .doesNotContain("\u001b");
    }

    @Test
    void theRecordIsUtf8AndTheSameAsLoggedUnderACLocale(@TempDir Path dir) throws Exception {
        Path file = scenario(dir, "café → naïve, 東京");
        Path log = dir.resolve("log.jsonl");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), "dev.ladder.cli.Main", "decide", file.toString(),
                "--log", log.toString());
        builder.environment().put("LC_ALL", "C");
        builder.environment().put("LANG", "C");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Process process = builder.redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] printed = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var record = mapper.readTree(new String(printed, StandardCharsets.UTF_8));
        var logged = mapper.readTree(Files.readAllLines(log, StandardCharsets.UTF_8).get(0)).get("record");
        assertThat(process.exitValue()).isZero();
        assertThat(record.get("title").asText()).isEqualTo("café → naïve, 東京");
        assertThat(record).isEqualTo(logged);
        assertThat(List.of(new String(printed, StandardCharsets.UTF_8))).noneMatch(s -> s.contains("caf?"));
    }
}
