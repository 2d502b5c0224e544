package dev.ladder.model;

/** A conclusion: one step of the escalation plan. */
public final class Step {
    private final Approach approach;
    private final String action;
    private final StepStatus status;
    private final String trigger;

    public Step(Approach approach, String action, StepStatus status, String trigger) {
        this.approach = approach;
        this.action = action;
        this.status = status;
        this.trigger = trigger;
    }

    public Approach getApproach() { return approach; }
    public String getAction() { return action; }
    public StepStatus getStatus() { return status; }

    /** The condition that calls for this step, or null for a step done or recommended. */
    public String getTrigger() { return trigger; }

    @Override
    public String toString() {
        return status.code() + " step: " + Words.approach(approach);
    }
}
