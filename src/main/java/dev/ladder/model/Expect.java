package dev.ladder.model;

import java.util.List;

/**
 * What {@code ladder test} checks of a scenario's decision ({@code expect}); ignored by decide.
 * The approach is spelled as in decision records ({@code FINE_TUNING}).
 */
public final class Expect {
    private Approach approach;
    private List<String> warnings = List.of();
    private List<String> rules = List.of();
    private List<String> absentRules = List.of();

    public Approach getApproach() { return approach; }
    public List<String> getWarnings() { return warnings; }
    public List<String> getRules() { return rules; }

    /** Rules that must not fire: an extension of the contract's expect block. */
    public List<String> getAbsentRules() { return absentRules; }
}
