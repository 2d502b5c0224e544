package dev.ladder.report;

import org.junit.jupiter.api.Assumptions;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;

/** Headless Chromium for the tests: a page's DOM after its scripts ran, and screenshots. */
public final class Chromium {
    private final Path browser;
    private final Path dir;
    private int runs;

    private Chromium(Path browser, Path dir) {
        this.browser = browser;
        this.dir = dir;
    }

    /** Chromium with its profiles under {@code dir}; the test is skipped when there is none, unless required. */
    public static Chromium in(Path dir) {
        return new Chromium(browser(), dir);
    }

    /** The DOM of {@code url} once loaded, in a window {@code width} pixels wide. */
    public String dom(String url, int width) throws IOException, InterruptedException {
        return run("--window-size=" + width + ",900", "--dump-dom", url);
    }

    /** A screenshot of {@code url} in a window of {@code width} by {@code height} pixels. */
    public BufferedImage screenshot(String url, int width, int height) throws IOException, InterruptedException {
        Path png = dir.resolve("shot-" + runs + ".png");
        run("--window-size=" + width + "," + height, "--screenshot=" + png, url);
        return ImageIO.read(png.toFile());
    }

    private String run(String... args) throws IOException, InterruptedException {
        int run = ++runs;
        List<String> command = new ArrayList<>(List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + dir.resolve("profile-" + run)));
        command.addAll(List.of(args));
        Path out = dir.resolve("chromium-" + run + ".out");
        Process chromium = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectOutput(out.toFile()).start();
        assertThat(chromium.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        return Files.readString(out);
    }

    /** How many pixels of the rectangle from (x0, y0) to (x1, y1) have exactly the colour {@code rgb}. */
    public static int count(BufferedImage image, int x0, int y0, int x1, int y1, int rgb) {
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

    /** The browser: $CHROMIUM or a usual install; the test is skipped without one unless LADDER_REQUIRE_BROWSER is set. */
    public static Path browser() {
        for (String candidate : List.of(System.getenv().getOrDefault("CHROMIUM", ""), "/usr/bin/chromium",
                "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (!candidate.isEmpty() && Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        if (System.getenv("LADDER_REQUIRE_BROWSER") != null) {
            throw new AssertionError("LADDER_REQUIRE_BROWSER is set but no Chromium was found (apt-get install chromium)");
        }
        Assumptions.abort("no Chromium on this machine (apt-get install chromium); .ci/run installs it");
        return null;
    }
}
