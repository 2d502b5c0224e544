/** The resident process that keeps ladder warm for a working directory: its address, protocol and lifecycle. */
package dev.ladder.daemon;
