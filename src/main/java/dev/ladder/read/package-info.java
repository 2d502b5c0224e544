/** Strict reading of scenario files into the model, with every problem located by file, line and field. */
package dev.ladder.read;
