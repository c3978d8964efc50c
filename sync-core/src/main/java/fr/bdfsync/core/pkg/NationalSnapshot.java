package fr.bdfsync.core.pkg;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import fr.bdfsync.core.io.sqlite.SqliteFile;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * One read snapshot of the national file for apply to a new file (or a dry run): a read-only connection and a pure-Java
 * view of the file ({@link SqliteFile}) are both opened <b>before</b> the read transaction takes SQLite's SHARED lock
 * (writers are then kept out until {@link #close}), and the view is closed <b>after</b> the transaction ends and the
 * connection is closed: on POSIX systems closing any descriptor of a file drops every lock the process holds on it,
 * SQLite's included. Under the snapshot, the key lookups (on other threads, through the shared view), the copy of the
 * file (through the view's own descriptor) and the SQL fallbacks (on {@link #connection()}) all see one state of the
 * file. Between {@link #open} and {@link #close} nothing else in the process may open and close a descriptor of the
 * file (a {@code GpkgDataset.open}, a {@code Files.copy}...). The same model as the diff's {@code ReadSnapshot}.
 */
final class NationalSnapshot implements AutoCloseable {
    private final GpkgDataset dataset;
    private final SqliteFile view;
    private final Map<String, Schema> schemas = new TreeMap<>();

    private NationalSnapshot(GpkgDataset dataset, SqliteFile view) {
        this.dataset = dataset;
        this.view = view;
    }

    /**
     * Opens the connection (which reads the layers' schemas) and the view, then starts the read transaction. The
     * schemas are those read at the opening, just before the transaction: a schema change in between is not detected.
     */
    static NationalSnapshot open(Path national) {
        GpkgDataset ds = GpkgDataset.open(national);
        SqliteFile view;
        try {
            view = SqliteFile.open(national);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        NationalSnapshot s = new NationalSnapshot(ds, view);
        try {
            Connection c = ds.connection();
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.executeQuery("SELECT count(*) FROM sqlite_master").close(); // takes the SHARED lock until the transaction ends
            }
            for (String l : ds.layerNames()) s.schemas.put(l, ds.schema(l));
            return s;
        } catch (SQLException e) {
            s.close();
            throw BdfsyncException.invalid(national, null, null, "cannot start a read transaction: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** The read-only connection, inside the snapshot's read transaction. */
    Connection connection() {
        return dataset.connection();
    }

    /** The pure-Java view of the file, valid until {@link #close}. */
    SqliteFile view() {
        return view;
    }

    /** The national layers' schemas, by table. */
    Map<String, Schema> schemas() {
        return schemas;
    }

    /** Ends the read transaction, closes the connection, then (last) the view. */
    @Override
    public void close() {
        try {
            Connection c = dataset.connection();
            if (!c.getAutoCommit()) {
                c.commit();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            // a read transaction: closing the connection below ends it as well
        } finally {
            try {
                dataset.close();
            } finally {
                view.close();
            }
        }
    }
}
