package dev.ladder.model;

/** A conclusion: this need is met by this option, the cheapest one still open. */
public final class Chosen {
    private final Option option;

    public Chosen(Option option) {
        this.option = option;
    }

    public Option getOption() { return option; }
    public NeedKind getNeed() { return option.getNeed(); }
    public Approach getApproach() { return option.getApproach(); }
    public Technique getTechnique() { return option.getTechnique(); }

    @Override
    public String toString() {
        return "chosen: " + option;
    }
}
