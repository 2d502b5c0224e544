package dev.ladder.model;

/** What the application needs from the model that decides between the rungs. */
public enum NeedKind implements Coded {
    /** The task itself: every application has it. */
    TASK,
    /** Facts the model lacks: missing, proprietary or fresh. */
    KNOWLEDGE,
    /** A voice: tone, persona, or an exact person or brand. */
    STYLE,
    /** An output format: loose or a strict schema. */
    FORMAT,
    /** Domain terms or notation the model gets wrong however it is asked. */
    DIALECT,
    /** Step-by-step reasoning. */
    REASONING,
    /** Cost per request at volume. */
    EFFICIENCY,
    /** A latency target the prompted model misses. */
    LATENCY
}
