package fr.bdfsync.core.pkg;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** How apply runs its prepared write statements. */
final class Jdbc {
    private Jdbc() {
    }

    /**
     * Runs a prepared INSERT, UPDATE or DELETE once with its bound parameters. As a batch of one rather than
     * {@code executeUpdate()}: sqlite-jdbc's {@code executeUpdate} matches the statement's SQL against a regular
     * expression after every run and, for an INSERT, creates, prepares and runs a {@code SELECT last_insert_rowid()}
     * statement for {@code getGeneratedKeys} (apply never asks for it); a batch just binds, steps and resets.
     */
    static void run(PreparedStatement ps) throws SQLException {
        ps.addBatch();
        ps.executeBatch();
    }
}
