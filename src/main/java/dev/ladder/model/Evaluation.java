package dev.ladder.model;

/** Scores before and after a fine-tune ({@code evaluation}), each in [0, 1]. Null is unknown. */
public final class Evaluation {
    @Range(max = 1, unit = "score (0-1)")
    private Double taskScoreBefore;
    @Range(max = 1, unit = "score (0-1)")
    private Double taskScoreAfter;
    @Range(max = 1, unit = "score (0-1)")
    private Double generalScoreBefore;
    @Range(max = 1, unit = "score (0-1)")
    private Double generalScoreAfter;

    public Double getTaskScoreBefore() { return taskScoreBefore; }
    public Double getTaskScoreAfter() { return taskScoreAfter; }
    public Double getGeneralScoreBefore() { return generalScoreBefore; }
    public Double getGeneralScoreAfter() { return generalScoreAfter; }

    /** Task score gained by the fine-tune, or null when either score is unknown. */
    public Double getTaskGain() {
        return taskScoreBefore == null || taskScoreAfter == null ? null : taskScoreAfter - taskScoreBefore;
    }

    /** General score lost by the fine-tune, or null when either score is unknown. */
    public Double getGeneralDrop() {
        return generalScoreBefore == null || generalScoreAfter == null ? null : generalScoreBefore - generalScoreAfter;
    }
}
