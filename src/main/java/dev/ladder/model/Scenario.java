package dev.ladder.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The facts about one LLM application, as a scenario file states them. Every group is present
 * (empty when the file omits it) so rules can test each field; every unknown field is null.
 */
public final class Scenario {
    @Required
    @Text(minLength = 1, maxLength = 100, pattern = "[A-Za-z0-9._-]+",
            patternHelp = "1-100 characters of A-Z a-z 0-9 . _ -")
    private String id;
    @Text(maxLength = 300)
    private String title;
    private Task task = new Task();
    private Needs needs = new Needs();
    private Data data = new Data();
    private Usage usage = new Usage();
    private List<Attempt> attempts = new ArrayList<>();
    private Constraints constraints = new Constraints();
    private Pricing pricing = new Pricing();
    private Evaluation evaluation = new Evaluation();
    private Expect expect;

    public String getId() { return id; }
    public String getTitle() { return title; }
    public Task getTask() { return task; }
    public Needs getNeeds() { return needs; }
    public Data getData() { return data; }
    public Usage getUsage() { return usage; }
    public List<Attempt> getAttempts() { return attempts; }
    public Constraints getConstraints() { return constraints; }
    public Pricing getPricing() { return pricing; }
    public Evaluation getEvaluation() { return evaluation; }

    /** The test expectation, or null when the scenario carries none. */
    public Expect getExpect() { return expect; }

    /** Numbers the attempts by position; called once after reading. */
    public void indexAttempts() {
        for (int i = 0; i < attempts.size(); i++) {
            attempts.get(i).setIndex(i);
        }
    }

    /** The facts a rule session works on: every group and every attempt. */
    public List<Object> facts() {
        List<Object> facts = new ArrayList<>();
        for (Group group : Group.values()) {
            if (group.isFact()) {
                facts.add(group.of(this));
            }
        }
        facts.addAll(attempts);
        return facts;
    }
}
