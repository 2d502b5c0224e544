package dev.ladder.model;

/** What the model does ({@code task}). A null field is an unknown fact. */
public final class Task {
    private TaskKind kind;
    private Familiarity baseModelKnowsDomain;
    private Boolean changesFrequently;
    private Lifetime lifetime;
    private Boolean needsMultiStepReasoning;

    public TaskKind getKind() { return kind; }
    public Familiarity getBaseModelKnowsDomain() { return baseModelKnowsDomain; }
    public Boolean getChangesFrequently() { return changesFrequently; }
    public Lifetime getLifetime() { return lifetime; }
    public Boolean getNeedsMultiStepReasoning() { return needsMultiStepReasoning; }
}
