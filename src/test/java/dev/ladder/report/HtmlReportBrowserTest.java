package dev.ladder.report;

import dev.ladder.Decision;
import dev.ladder.Fixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTML review report, opened in real headless Chromium: it renders on its own (no
 * network, no scripts) and shows the recommendation box and the diagram.
 */
public class HtmlReportBrowserTest {
    private static final int WIDTH = 1400;
    private static final int HEIGHT = 2200;

    @Test
    void whenTheReportIsOpenedInABrowser_thenTheRecommendationAndDiagramAreDrawn(@TempDir Path dir) throws Exception {
        Path browser = browser();
        Decision decision = Fixtures.advisor().decide(Fixtures.FACTS.resolve("seed000-strict-interviewer-persona.yaml"));
        Path html = dir.resolve("report.html");
        Files.writeString(html, HtmlReport.render(decision));
        Path png = dir.resolve("report.png");

        Process chromium = new ProcessBuilder(List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + dir.resolve("profile"), "--window-size=" + WIDTH + "," + HEIGHT,
                "--screenshot=" + png, html.toUri().toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(chromium.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();

        BufferedImage shot = ImageIO.read(png.toFile());
        assertThat(shot.getWidth()).isEqualTo(WIDTH);
        assertThat(shot.getHeight()).isEqualTo(HEIGHT);
        // the recommendation box is drawn in its pale green (#f2faf5) near the top of the page
        assertThat(countColour(shot, 0, 0, WIDTH, 400, 0xF2FAF5)).isGreaterThan(10_000);
        // the diagram's fact boxes are drawn in their pale blue (#e8f0fe)
        assertThat(countColour(shot, 0, 0, WIDTH, HEIGHT, 0xE8F0FE)).isGreaterThan(5_000);
        assertThat(distinctColours(shot)).isGreaterThan(20);
    }

    @Test
    void whenTheReportIsRendered_thenItIsSelfContained() throws Exception {
        Decision decision = Fixtures.advisor().decide(Fixtures.FACTS.resolve("seed000-hospital-terminology.yaml"));

        String html = HtmlReport.render(decision);

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg", "</svg>", "RAG", "class=\"override\"", "K-06")
                .doesNotContain("<script").doesNotContain("<link").doesNotContain("src=\"").doesNotContain("@import");
    }

    public static Path browser() {
        for (String candidate : List.of(System.getenv().getOrDefault("CHROMIUM", ""), "/usr/bin/chromium",
                "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (!candidate.isEmpty() && Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        boolean required = System.getenv("LADDER_REQUIRE_BROWSER") != null;
        if (required) {
            throw new AssertionError("LADDER_REQUIRE_BROWSER is set but no Chromium was found (apt-get install chromium)");
        }
        Assumptions.abort("no Chromium on this machine (apt-get install chromium); .ci/run installs it");
        return null;
    }

    private static int countColour(BufferedImage image, int x0, int y0, int x1, int y1, int rgb) {
        int count = 0;
        for (int y = y0; y < Math.min(y1, image.getHeight()); y++) {
            for (int x = x0; x < Math.min(x1, image.getWidth()); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    count++;
                }
            }
        }
        return count;
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
