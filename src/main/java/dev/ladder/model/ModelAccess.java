package dev.ladder.model;

/** Whether and where the model can be tuned (`constraints.modelAccess`). */
public enum ModelAccess implements Coded {
    CLOSED_API, CLOSED_API_TUNABLE, OPEN_WEIGHTS
}
