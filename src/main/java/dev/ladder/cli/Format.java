package dev.ladder.cli;

/** What {@code --format} may name: JSON for programs, text for a person, Markdown and HTML for review documents. */
enum Format {
    json, text, markdown, html
}
