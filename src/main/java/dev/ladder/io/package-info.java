/** Strict reading of scenario files with located errors, and the JSON, text, Markdown and HTML views of a decision. */
package dev.ladder.io;
