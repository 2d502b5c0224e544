package dev.ladder.model;

/** Whether the base model already understands the domain (`task.baseModelKnowsDomain`). */
public enum Familiarity implements Coded {
    YES, PARTIAL, NO
}
