package dev.ladder.model;

/**
 * A named threshold or price from {@code rules/parameters.yaml}, or a scenario's override of a
 * price. Rules match parameters by name, so the trail can quote the name and value each
 * comparison used.
 */
public final class Param implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final double value;
    private final String unit;
    private final String source;
    private final String origin;
    private transient String shown;

    public Param(String name, double value, String unit, String source, String origin) {
        this.name = name;
        this.value = value;
        this.unit = unit;
        this.source = source;
        this.origin = origin;
    }

    public String getName() { return name; }
    public double getValue() { return value; }

    /** The value as reasons show it ({@link Numbers#format}), formatted once. */
    public String shown() {
        String text = shown;
        if (text == null) {
            text = Numbers.format(value);
            shown = text;
        }
        return text;
    }
    public String getUnit() { return unit; }
    public String getSource() { return source; }

    /** Where the value came from: the parameters file, or the scenario's {@code pricing}. */
    public String getOrigin() { return origin; }

    /** This parameter with the value a scenario gave for it. */
    public Param overriddenBy(double scenarioValue) {
        return new Param(name, scenarioValue, unit, source, SCENARIO);
    }

    /** Whether the scenario's {@code pricing} set this value rather than the rule base. */
    public boolean isFromScenario() {
        return SCENARIO.equals(origin);
    }

    private static final String SCENARIO = "scenario pricing";

    @Override
    public String toString() {
        return name + " = " + Numbers.format(value);
    }
}
