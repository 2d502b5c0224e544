package dev.ladder.model;

/** Traffic and request shape ({@code usage}). A null field is unknown. */
public final class Usage {
    @Range(unit = "requests/day")
    private Long requestsPerDay;
    @Range(unit = "tokens")
    private Long inputTokensPerRequest;
    @Range(unit = "tokens")
    private Long outputTokensPerRequest;
    @Range(unit = "tokens")
    private Long instructionTokens;
    @Range(minExclusive = true, unit = "ms")
    private Long latencyTargetMs;

    public Long getRequestsPerDay() { return requestsPerDay; }
    public Long getInputTokensPerRequest() { return inputTokensPerRequest; }
    public Long getOutputTokensPerRequest() { return outputTokensPerRequest; }
    public Long getInstructionTokens() { return instructionTokens; }
    public Long getLatencyTargetMs() { return latencyTargetMs; }
}
