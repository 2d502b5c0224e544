package dev.ladder.model;

/** A three-step scale: example quality, failure cost, confidence. */
public enum Level implements Coded {
    LOW, MEDIUM, HIGH
}
