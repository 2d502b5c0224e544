package dev.ladder.model;

/** Knowledge the answers need that the model may lack (`needs.knowledge`). */
public enum KnowledgeNeed implements Coded {
    NONE, PUBLIC, PROPRIETARY
}
