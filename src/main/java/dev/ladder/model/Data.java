package dev.ladder.model;

/** The examples available for training and evaluation ({@code data}). A null field is unknown. */
public final class Data {
    @Range(unit = "examples")
    private Long labelledExamples;
    private Level exampleQuality;
    @Range(unit = "examples")
    private Long evalSetSize;
    private Boolean generalHoldoutSet;

    public Long getLabelledExamples() { return labelledExamples; }
    public Level getExampleQuality() { return exampleQuality; }
    public Long getEvalSetSize() { return evalSetSize; }
    public Boolean getGeneralHoldoutSet() { return generalHoldoutSet; }
}
