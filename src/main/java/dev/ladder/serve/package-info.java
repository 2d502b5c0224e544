/** The decision service: an HTTP API over the advisor and the decision log, with hot reload and metrics. */
package dev.ladder.serve;
