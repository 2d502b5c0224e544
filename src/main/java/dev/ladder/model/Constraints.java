package dev.ladder.model;

/** Money, hardware, platform and risk limits ({@code constraints}). A null field is unknown. */
public final class Constraints {
    @Range(unit = "USD")
    private Double trainingBudgetUsd;
    private Boolean gpuAccess;
    private ModelAccess modelAccess;
    private Boolean mustRetainGeneralSkills;
    private Level failureCost;

    public Double getTrainingBudgetUsd() { return trainingBudgetUsd; }
    public Boolean getGpuAccess() { return gpuAccess; }
    public ModelAccess getModelAccess() { return modelAccess; }
    public Boolean getMustRetainGeneralSkills() { return mustRetainGeneralSkills; }
    public Level getFailureCost() { return failureCost; }
}
