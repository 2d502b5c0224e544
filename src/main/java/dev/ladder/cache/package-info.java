/** Keeping compiled, checked rule bases: the recent ones in memory and a verdict cache on disk; a reader may skip it. */
package dev.ladder.cache;
