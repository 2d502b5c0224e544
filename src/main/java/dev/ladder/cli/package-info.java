/** The ladder command line: a thin shell of picocli commands over the API, with stable exit codes. */
package dev.ladder.cli;
