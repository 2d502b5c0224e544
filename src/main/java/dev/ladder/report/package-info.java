/** Views of a decision: its JSON record, text, Markdown and HTML reports, and the trail graph. */
package dev.ladder.report;
