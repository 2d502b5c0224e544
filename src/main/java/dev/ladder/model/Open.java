package dev.ladder.model;

/** A conclusion: this option is neither overridden, blocked nor exhausted. */
public final class Open {
    private final Option option;

    public Open(Option option) {
        this.option = option;
    }

    public Option getOption() { return option; }
    public NeedKind getNeed() { return option.getNeed(); }
    public Approach getApproach() { return option.getApproach(); }
    public Technique getTechnique() { return option.getTechnique(); }

    @Override
    public String toString() {
        return "open: " + option;
    }
}
