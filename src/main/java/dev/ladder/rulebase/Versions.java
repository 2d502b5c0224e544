package dev.ladder.rulebase;

import dev.ladder.Decision;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The program's and the rules engine's versions, as the build recorded them. */
public final class Versions {
    private static final Decision.Engine ENGINE = load();

    private Versions() {
    }

    public static Decision.Engine engine() {
        return ENGINE;
    }

    private static Decision.Engine load() {
        Properties properties = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/ladder/version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the build's version file", e);
        }
        return new Decision.Engine("ladder", properties.getProperty("ladder.version", "unknown"),
                properties.getProperty("drools.version", "unknown"));
    }
}
