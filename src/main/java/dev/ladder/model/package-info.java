/** The facts rules reason about: the scenario's groups as read from a file, the parameters, and the conclusions rules insert. */
package dev.ladder.model;
