package dev.ladder.model;

/** Where a ladder step stands. */
public enum StepStatus implements Coded {
    DONE, RECOMMENDED, IF_NEEDED
}
