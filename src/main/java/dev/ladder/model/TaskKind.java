package dev.ladder.model;

/** What the model does (`task.kind`). */
public enum TaskKind implements Coded {
    CLASSIFICATION, EXTRACTION, GENERATION, SUMMARIZATION, QUESTION_ANSWERING, CONVERSATION, CODE, REASONING, TRANSFORMATION
}
