package dev.ladder.model;

/** A deliberate violation the architecture test must catch: the model reaching the command line. */
public final class RunsUpAFloor {
    private RunsUpAFloor() {
    }

    public static String ladderVersion() {
        return dev.ladder.cli.Main.class.getName();
    }
}
