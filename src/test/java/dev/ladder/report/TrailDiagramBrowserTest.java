package dev.ladder.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ladder.Decision;
import dev.ladder.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trail diagram of every {@code facts/} scenario, measured in real headless Chromium in a
 * 1280 px window: nothing wider than the window, the recommendation at the top and inside the
 * window, every label inside its box. Then a screenshot of the widest one at 1280 px.
 */
class TrailDiagramBrowserTest {
    private static final int WIDTH = 1280;

    /** Measures each diagram as the browser laid it out and writes the findings into the page. */
    private static final String MEASURE = """
            <script>
            const out = [];
            for (const svg of document.querySelectorAll('svg.trail-graph')) {
              const found = { scenario: svg.parentElement.dataset.scenario, problems: [] };
              const whole = svg.getBoundingClientRect();
              found.right = whole.right;
              const result = svg.querySelector('g.result > rect').getBoundingClientRect();
              let top = Infinity;
              svg.querySelectorAll('g > rect:first-of-type').forEach(r => top = Math.min(top, r.getBoundingClientRect().top));
              if (result.top - top > 0.5) found.problems.push('the recommendation is not the topmost box');
              if (result.right > window.innerWidth || result.left < 0) found.problems.push('the recommendation is outside the window');
              for (const g of svg.querySelectorAll('g')) {
                const box = g.querySelector('rect').getBoundingClientRect();
                for (const line of g.querySelectorAll('tspan')) {
                  const r = line.getBoundingClientRect();
                  if (r.right > box.right - 1 || r.left < box.left || r.bottom > box.bottom || r.top < box.top) {
                    found.problems.push('label outside its box: ' + line.textContent);
                  }
                }
              }
              out.push(found);
            }
            const pre = document.createElement('pre');
            pre.id = 'measured';
            pre.textContent = JSON.stringify({ width: document.documentElement.scrollWidth, window: window.innerWidth, diagrams: out });
            document.body.appendChild(pre);
            </script>
            """;

    @Test
    void whenEveryScenarioIsDrawnInA1280PxWindow_thenItFitsWithTheRecommendationOnTopAndLabelsWhole(@TempDir Path dir)
            throws Exception {
        Chromium chromium = Chromium.in(dir);
        StringBuilder page = new StringBuilder();
        List<String> scenarios = new ArrayList<>();
        try (Stream<Path> files = Files.list(Fixtures.FACTS)) {
            for (Path file : files.filter(f -> f.toString().matches(".*\\.(ya?ml|json)$")).sorted().toList()) {
                Decision decision = Fixtures.advisor().decide(file);
                scenarios.add(decision.scenario());
                page.append("<div class=\"diagram\" data-scenario=\"").append(HtmlReport.esc(decision.scenario()))
                        .append("\">").append(TrailDiagram.svg(TrailGraph.of(decision))).append("</div>\n");
            }
        }
        String report = HtmlReport.render(Fixtures.advisor().decide(Fixtures.FACTS.resolve("seed000-hospital-terminology.yaml")));
        String css = report.substring(report.indexOf("<style>"), report.indexOf("</style>") + 8);
        Path html = dir.resolve("diagrams.html");
        Files.writeString(html, "<!DOCTYPE html><html><head><meta charset=\"utf-8\">" + css + "</head><body>" + page
                + MEASURE + "</body></html>");

        JsonNode measured = new ObjectMapper().readTree(measured(chromium.dom(html.toUri().toString(), WIDTH)));

        assertThat(measured.path("diagrams")).hasSize(scenarios.size());
        assertThat(measured.path("width").asInt()).as("page width in a %d px window", WIDTH).isLessThanOrEqualTo(WIDTH);
        for (JsonNode diagram : measured.path("diagrams")) {
            assertThat(diagram.path("right").asDouble()).as(diagram.path("scenario").asText()).isLessThanOrEqualTo(WIDTH);
            assertThat(diagram.path("problems")).as(diagram.path("scenario").asText()).isEmpty();
        }
    }

    @Test
    void whenTheWidestDiagramIsShotAt1280Px_thenTheRecommendationIsInTheFirstRowsOfTheShot(@TempDir Path dir) throws Exception {
        Chromium chromium = Chromium.in(dir);
        Decision widest = null;
        int widestWidth = 0;
        try (Stream<Path> files = Files.list(Fixtures.FACTS)) {
            for (Path file : files.filter(f -> f.toString().matches(".*\\.(ya?ml|json)$")).sorted().toList()) {
                Decision decision = Fixtures.advisor().decide(file);
                String svg = TrailDiagram.svg(TrailGraph.of(decision));
                int width = Integer.parseInt(svg.replaceFirst("(?s)^.*? width=\"(\\d+)\".*$", "$1"));
                if (width > widestWidth) {
                    widest = decision;
                    widestWidth = width;
                }
            }
        }
        String report = HtmlReport.render(widest);
        String css = report.substring(report.indexOf("<style>"), report.indexOf("</style>") + 8);
        Path html = dir.resolve("widest.html");
        Files.writeString(html, "<!DOCTYPE html><html><head><meta charset=\"utf-8\">" + css
                + "</head><body style=\"margin:0\"><div class=\"diagram\">" + TrailDiagram.svg(TrailGraph.of(widest))
                + "</div></body></html>");

        BufferedImage shot = chromium.screenshot(html.toUri().toString(), WIDTH, 900);

        assertThat(shot.getWidth()).isEqualTo(WIDTH);
        // the recommendation box, filled dark green (#2c7a4b), is drawn within the top 80 px
        assertThat(Chromium.count(shot, 0, 0, WIDTH, 80, 0x2C7A4B)).as("recommendation pixels at the top of %s", widest.scenario())
                .isGreaterThan(2_000);
        // the scenario facts each rule read are drawn on pale blue (#e8f0fe)
        assertThat(Chromium.count(shot, 0, 0, WIDTH, shot.getHeight(), 0xE8F0FE)).isGreaterThan(3_000);
    }

    private static String measured(String dom) {
        int start = dom.indexOf("<pre id=\"measured\">");
        assertThat(start).as("the measuring script ran").isNotNegative();
        return dom.substring(start + "<pre id=\"measured\">".length(), dom.indexOf("</pre>", start))
                .replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
