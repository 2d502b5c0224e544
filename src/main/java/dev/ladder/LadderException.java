package dev.ladder;

import java.util.List;

/**
 * Why Ladder could not decide. Each kind carries the exit code the command line uses, so an
 * embedding workflow and a shell script see the same classification.
 */
public abstract sealed class LadderException extends Exception
        permits LadderException.BadInput, LadderException.RuleFault, LadderException.Unwritable {

    private final List<Problem> problems;

    LadderException(List<Problem> problems, Throwable cause) {
        super(problems.isEmpty() ? "no details" : problems.get(0).toString(), cause);
        this.problems = List.copyOf(problems);
    }

    /** Every located problem, in file order. */
    public List<Problem> problems() {
        return problems;
    }

    /** The command line's exit code for this failure. */
    public abstract int exitCode();

    /** A scenario, rule file or parameters file that cannot be used: exit code 2. */
    public static final class BadInput extends LadderException {
        public BadInput(List<Problem> problems) {
            super(problems, null);
        }

        public BadInput(Problem problem) {
            this(List.of(problem));
        }

        @Override
        public int exitCode() {
            return 2;
        }
    }

    /** A rule that threw or never settled while deciding: exit code 3. */
    public static final class RuleFault extends LadderException {
        public RuleFault(Problem problem, Throwable cause) {
            super(List.of(problem), cause);
        }

        @Override
        public int exitCode() {
            return 3;
        }
    }

    /**
     * A decision was made but a record Ladder keeps could not be written: the decision log could
     * not be appended to (a full disk, no permission, a log whose last entry was edited, a signing
     * key others may read). No decision is handed out unlogged: exit code 5.
     */
    public static final class Unwritable extends LadderException {
        public Unwritable(Problem problem, Throwable cause) {
            super(List.of(problem), cause);
        }

        @Override
        public int exitCode() {
            return 5;
        }
    }
}
