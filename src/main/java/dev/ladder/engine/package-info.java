/** Deciding one scenario: the rule session with its phases, the captured trail, and the record assembled from it. */
package dev.ladder.engine;
