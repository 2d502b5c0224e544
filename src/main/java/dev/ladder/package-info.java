/** The embedding API: load a rule base with {@link dev.ladder.Advisor}, decide scenarios into {@link dev.ladder.Decision} records, and log, test, compare and explore them. */
package dev.ladder;
