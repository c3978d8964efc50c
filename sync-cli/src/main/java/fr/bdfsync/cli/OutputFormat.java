package fr.bdfsync.cli;

/** The two report formats of commands that report: readable text, or versioned JSON. */
enum OutputFormat {
    TEXT, JSON
}
