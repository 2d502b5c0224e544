/** Rule bases: reading rule files and parameters, checking them against the allow-list, and compiling them. */
package dev.ladder.rulebase;
