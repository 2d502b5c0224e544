package dev.ladder.report;

import dev.ladder.Decision;
import dev.ladder.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTML review report, opened in real headless Chromium: it renders on its own (no
 * network, no scripts) and shows the recommendation box and the diagram.
 */
public class HtmlReportBrowserTest {
    private static final int WIDTH = 1400;
    private static final int HEIGHT = 3200;

    @Test
    void whenTheReportIsOpenedInABrowser_thenTheRecommendationAndDiagramAreDrawn(@TempDir Path dir) throws Exception {
        Chromium chromium = Chromium.in(dir);
        Decision decision = Fixtures.advisor().decide(Fixtures.FACTS.resolve("seed000-strict-interviewer-persona.yaml"));
        Path html = dir.resolve("report.html");
        Files.writeString(html, HtmlReport.render(decision));

        BufferedImage shot = chromium.screenshot(html.toUri().toString(), WIDTH, HEIGHT);

        assertThat(shot.getWidth()).isEqualTo(WIDTH);
        assertThat(shot.getHeight()).isEqualTo(HEIGHT);
        // the recommendation box is drawn in its pale green (#f2faf5) near the top of the page
        assertThat(Chromium.count(shot, 0, 0, WIDTH, 400, 0xF2FAF5)).isGreaterThan(10_000);
        // the diagram's fact bands are drawn in their pale blue (#e8f0fe)
        assertThat(Chromium.count(shot, 0, 0, WIDTH, HEIGHT, 0xE8F0FE)).isGreaterThan(5_000);
        assertThat(distinctColours(shot)).isGreaterThan(20);
    }

    @Test
    void whenTheReportIsRendered_thenItIsSelfContained() throws Exception {
        // fine-tuning for knowledge lost to K-06, so the diagram draws an override
        Decision decision = Fixtures.advisor().decide(Fixtures.FACTS.resolve("seed003-q2-drug-interactions.json"));

        String html = HtmlReport.render(decision);

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg", "</svg>", "RAG", "class=\"override\"", "K-06")
                .doesNotContain("<script").doesNotContain("<link").doesNotContain("src=\"").doesNotContain("@import");
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) {
                colours.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return colours.size();
    }
}
