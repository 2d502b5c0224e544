package dev.ladder.model;

/**
 * A conclusion: a risk the team must know of. Its message is the reason of the rule that
 * raised it, filled with the facts behind it.
 */
public final class Warning {
    private final String code;
    private final Level severity;

    public Warning(String code, Level severity) {
        this.code = code;
        this.severity = severity;
    }

    public String getCode() { return code; }
    public Level getSeverity() { return severity; }

    @Override
    public String toString() {
        return "warning " + code + " (" + severity.code() + ")";
    }
}
