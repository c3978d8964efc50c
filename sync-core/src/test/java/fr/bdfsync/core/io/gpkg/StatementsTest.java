package fr.bdfsync.core.io.gpkg;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link Statements#runOnce} writes like {@code executeUpdate}, fails with the same exception, and leaves nothing pending. */
class StatementsTest {
    @Test
    void runOnceWritesAndFailsLikeExecuteUpdate() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            c.createStatement().execute("CREATE TABLE t (fid INTEGER PRIMARY KEY, v TEXT NOT NULL)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (fid, v) VALUES (?, ?)")) {
                ps.setLong(1, 1);
                ps.setString(2, "a");
                Statements.runOnce(ps);
                ps.setLong(1, 1);
                ps.setString(2, "b");
                SQLException viaUpdate = assertThrows(SQLException.class, ps::executeUpdate);
                ps.setLong(1, 1);
                ps.setString(2, "b");
                SQLException viaBatch = assertThrows(SQLException.class, () -> Statements.runOnce(ps));
                assertEquals(viaUpdate.getClass(), viaBatch.getClass());
                assertEquals(viaUpdate.getMessage(), viaBatch.getMessage());
                assertEquals(viaUpdate.getErrorCode(), viaBatch.getErrorCode());
                // the failed row is not retried by the next run
                ps.setLong(1, 2);
                ps.setString(2, "c");
                Statements.runOnce(ps);
            }
            try (ResultSet r = c.createStatement().executeQuery("SELECT group_concat(fid || v, ',') FROM (SELECT * FROM t ORDER BY fid)")) {
                r.next();
                assertEquals("1a,2c", r.getString(1));
            }
        }
    }
}
