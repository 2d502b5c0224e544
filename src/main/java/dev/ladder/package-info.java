/** The public API: {@link dev.ladder.Advisor} decides scenarios into {@link dev.ladder.Decision} records; {@link dev.ladder.Problem} and {@link dev.ladder.LadderException} say what went wrong, with an exit code. */
package dev.ladder;
