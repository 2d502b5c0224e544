/** Governance over decisions: the signed decision log, batches, what-if, rule change impact and expectations. */
package dev.ladder.govern;
