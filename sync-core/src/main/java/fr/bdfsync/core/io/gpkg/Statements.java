package fr.bdfsync.core.io.gpkg;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** How bdfsync runs its prepared write statements against SQLite. */
public final class Statements {
    private Statements() {
    }

    /**
     * Runs a prepared INSERT, UPDATE or DELETE once with its bound parameters. As a batch of one rather than
     * {@code executeUpdate()}: sqlite-jdbc's {@code executeUpdate} matches the statement's SQL against a regular
     * expression after every run and, for an INSERT, creates, prepares and runs a {@code SELECT last_insert_rowid()}
     * statement for {@code getGeneratedKeys} (bdfsync never asks for it); a batch just binds, steps and resets. A
     * failure is the same {@code SQLiteException}, with the same message, as from {@code executeUpdate}
     * ({@code StatementsTest}), and leaves no pending batch behind.
     */
    public static void runOnce(PreparedStatement ps) throws SQLException {
        ps.addBatch();
        ps.executeBatch();
    }
}
