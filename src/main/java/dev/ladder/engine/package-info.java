/** Rule loading, checking and caching, the rule session with its phases, trail capture, and the assembly of decision records; no domain logic. */
package dev.ladder.engine;
