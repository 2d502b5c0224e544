package dev.ladder.model;

/**
 * A conclusion of the cost or latency model: one figure in the unit it names,
 * with the formula that produced it.
 */
public final class Figure {
    private final String item;
    private final double value;
    private final String unit;
    private final String formula;

    public Figure(String item, double value, String unit, String formula) {
        this.item = item;
        this.value = value;
        this.unit = unit;
        this.formula = formula;
    }

    /** What is costed: {@code perDay.PROMPTING}, {@code training}, {@code breakEven.days}. */
    public String getItem() { return item; }
    public double getValue() { return value; }
    public String getUnit() { return unit; }
    public String getFormula() { return formula; }

    @Override
    public String toString() {
        return item + " = " + Numbers.format(value) + " " + unit;
    }
}
