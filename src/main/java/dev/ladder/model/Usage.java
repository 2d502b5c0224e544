package dev.ladder.model;

/** Traffic and request shape ({@code usage}). A null field is unknown. */
public final class Usage {
    @Range
    private Long requestsPerDay;
    @Range
    private Long inputTokensPerRequest;
    @Range
    private Long outputTokensPerRequest;
    @Range
    private Long instructionTokens;
    @Range(minExclusive = true)
    private Long latencyTargetMs;

    public Long getRequestsPerDay() { return requestsPerDay; }
    public Long getInputTokensPerRequest() { return inputTokensPerRequest; }
    public Long getOutputTokensPerRequest() { return outputTokensPerRequest; }
    public Long getInstructionTokens() { return instructionTokens; }
    public Long getLatencyTargetMs() { return latencyTargetMs; }
}
