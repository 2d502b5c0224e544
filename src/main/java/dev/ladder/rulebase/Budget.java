package dev.ladder.rulebase;

import java.lang.management.ManagementFactory;

/**
 * The time and memory one decision may spend in rule code. Rule classes call {@link #tick()} at
 * the start of every method and before every backward jump (see {@link RuleBytecode#withBudget});
 * every so many ticks it compares the clock and the memory this thread has allocated with the
 * limits the deciding thread set, and stops the rule with {@link Exceeded} when either is spent.
 * Rules may not catch it: the check refuses try/catch blocks in rule code.
 */
public final class Budget {
    /** Thrown into the rule that spent the budget. An {@link Error}, so no rule code expects it. */
    public static final class Exceeded extends Error {
        private final String what;

        Exceeded(String what) {
            super(what, null, false, false);
            this.what = what;
        }

        /** Which budget ran out, as a phrase: "took longer than 2,000 ms". */
        public String what() {
            return what;
        }
    }

    private static final int CHECK_EVERY = 1024;
    private static final ThreadLocal<Budget> CURRENT = new ThreadLocal<>();
    private static final com.sun.management.ThreadMXBean THREADS = threads();

    private final long deadline;
    private final long millis;
    private final long allocationLimit;
    private final long megabytes;
    private int ticks;
    private boolean halted;

    private Budget(long millis, long megabytes) {
        this.millis = millis;
        this.megabytes = megabytes;
        this.deadline = System.nanoTime() + millis * 1_000_000;
        this.allocationLimit = allocated() + megabytes * 1024 * 1024;
    }

    /** Starts a budget for the current thread; {@link #end()} must follow. */
    public static void start(long millis, long megabytes) {
        CURRENT.set(new Budget(millis, megabytes));
    }

    public static void end() {
        CURRENT.remove();
    }

    /** Called by rule code just before it halts the session, so the decider can name it. */
    public static void halting() {
        Budget budget = CURRENT.get();
        if (budget != null) {
            budget.halted = true;
        }
    }

    /** Whether rule code halted the session under the current budget. */
    public static boolean halted() {
        Budget budget = CURRENT.get();
        return budget != null && budget.halted;
    }

    /** Called by rule code; cheap, and every {@value #CHECK_EVERY} calls a real check. */
    public static void tick() {
        Budget budget = CURRENT.get();
        if (budget != null && ++budget.ticks % CHECK_EVERY == 0) {
            budget.check();
        }
    }

    private void check() {
        if (THREADS != null && allocated() > allocationLimit) {
            throw new Exceeded("allocated more than " + megabytes + " MB");
        }
        if (System.nanoTime() - deadline > 0) {
            throw new Exceeded("took longer than " + millis + " ms");
        }
    }

    private static long allocated() {
        return THREADS == null ? 0 : THREADS.getCurrentThreadAllocatedBytes();
    }

    private static com.sun.management.ThreadMXBean threads() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                && bean.isThreadAllocatedMemorySupported()) {
            if (!bean.isThreadAllocatedMemoryEnabled()) {
                bean.setThreadAllocatedMemoryEnabled(true);
            }
            return bean;
        }
        return null;
    }
}
