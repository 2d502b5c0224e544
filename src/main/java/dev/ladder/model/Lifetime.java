package dev.ladder.model;

/** How long the application lives (`task.lifetime`). */
public enum Lifetime implements Coded {
    ONE_OFF, PILOT, PRODUCT
}
