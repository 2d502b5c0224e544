package dev.ladder.model;

/** Voice requirement (`needs.style`). */
public enum Style implements Coded {
    NONE, TONE, PERSONA, EXACT_VOICE
}
