package dev.ladder.model;

/** A technique within an approach. The last three are advice only, never a scenario value. */
public enum Technique implements Coded {
    ZERO_SHOT(Approach.PROMPTING),
    FEW_SHOT(Approach.PROMPTING),
    CHAIN_OF_THOUGHT(Approach.PROMPTING),
    PERSONA(Approach.PROMPTING),
    STRUCTURED_OUTPUT(Approach.PROMPTING),
    FULL_CONTEXT(Approach.PROMPTING),
    LORA(Approach.FINE_TUNING),
    FULL(Approach.FINE_TUNING),
    DISTILLATION(Approach.FINE_TUNING),
    PROMPT_CACHING(Approach.PROMPTING),
    /** Serve the same prompt from a smaller, cheaper and faster base model. */
    SMALLER_MODEL(Approach.PROMPTING),
    HUMAN_REVIEW(null);

    private final Approach approach;

    Technique(Approach approach) {
        this.approach = approach;
    }

    /** The rung this technique belongs to, or null for advice that fits any rung. */
    public Approach getApproach() {
        return approach;
    }

    /** The scenario spellings of the techniques of one rung, comma-separated. */
    public static String codesFor(Approach approach) {
        return java.util.Arrays.stream(values()).filter(t -> t.approach == approach && t.acceptedInScenarios())
                .map(Technique::code).collect(java.util.stream.Collectors.joining(", "));
    }

    @Override
    public boolean acceptedInScenarios() {
        return this != PROMPT_CACHING && this != HUMAN_REVIEW && this != SMALLER_MODEL;
    }
}
