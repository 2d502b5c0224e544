package dev.ladder.model;

/** Output format requirement (`needs.format`). */
public enum Format implements Coded {
    NONE, LOOSE, STRICT_SCHEMA
}
