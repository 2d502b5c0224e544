package dev.ladder.model;

/** How an attempt went (`attempts[].outcome`). */
public enum Outcome implements Coded {
    NOT_TRIED, WORKS, PARTIAL, FAILS
}
