package dev.ladder.model;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * The groups of fields a scenario has, each defined once here: its key in a scenario file, its
 * type, and whether rules match it as a fact. Pricing is not a fact: its fields override the
 * rule base's price parameters. The attempts, a list, are facts one by one and not a group.
 */
public enum Group {
    TASK("task", Task.class, true, Scenario::getTask),
    NEEDS("needs", Needs.class, true, Scenario::getNeeds),
    DATA("data", Data.class, true, Scenario::getData),
    USAGE("usage", Usage.class, true, Scenario::getUsage),
    CONSTRAINTS("constraints", Constraints.class, true, Scenario::getConstraints),
    PRICING("pricing", Pricing.class, false, Scenario::getPricing),
    EVALUATION("evaluation", Evaluation.class, true, Scenario::getEvaluation);

    private final String key;
    private final Class<?> type;
    private final boolean fact;
    private final Function<Scenario, Object> read;

    Group(String key, Class<?> type, boolean fact, Function<Scenario, Object> read) {
        this.key = key;
        this.type = type;
        this.fact = fact;
        this.read = read;
    }

    /** Its key in a scenario file and in fact paths: {@code usage} in {@code usage.requestsPerDay}. */
    public String key() {
        return key;
    }

    /** The class its fields are read into. */
    public Class<?> type() {
        return type;
    }

    /** Whether rules match it as a fact. */
    public boolean isFact() {
        return fact;
    }

    /** This group of {@code scenario}. */
    public Object of(Scenario scenario) {
        return read.apply(scenario);
    }

    /** The group with this key. */
    public static Optional<Group> named(String key) {
        return Arrays.stream(values()).filter(g -> g.key.equals(key)).findFirst();
    }

    private static final ClassValue<Optional<Group>> OF_TYPE = new ClassValue<>() {
        @Override
        protected Optional<Group> computeValue(Class<?> type) {
            return Arrays.stream(values()).filter(g -> g.type == type).findFirst();
        }
    };

    /** The group whose fields {@code type} holds, if any; found once per class. */
    public static Optional<Group> ofType(Class<?> type) {
        return OF_TYPE.get(type);
    }

    /** The group whose type has this simple name, as rules name it: {@code Usage}. */
    public static Optional<Group> ofTypeNamed(String simpleName) {
        return Arrays.stream(values()).filter(g -> g.type.getSimpleName().equals(simpleName)).findFirst();
    }
}
