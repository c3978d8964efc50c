package fr.bdfsync.core.diff;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.ExitCode;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import fr.bdfsync.core.io.sqlite.SqliteFile;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A read transaction held on each input's JDBC connection for the whole diff of a layer: SQLite's SHARED lock keeps
 * writers from changing the files while they are scanned (by SQL or by the pure-Java reader) and while the changed
 * rows are then fetched by fid, so fids found by the scan still name the same rows. The files opened for the
 * pure-Java reader ({@link #file}) are closed after the transactions end (closing a descriptor of a file drops the
 * process's POSIX locks on it). Connections already inside a transaction are left as they are.
 * <p>A caller may hold one snapshot over several layers and pass it to {@link DiffEngine#twoWay(GpkgDataset, GpkgDataset,
 * String, ReadSnapshot, RowObserver)} (the contribution package reads the national file under one snapshot for its whole
 * build); the engine then neither ends it nor closes its files.
 */
public final class ReadSnapshot implements AutoCloseable {
    private final List<Connection> begun = new ArrayList<>();
    private final Map<Path, SqliteFile> files = new LinkedHashMap<>();

    private ReadSnapshot() {
    }

    public static ReadSnapshot hold(List<GpkgDataset> datasets) {
        ReadSnapshot s = new ReadSnapshot();
        Map<Connection, Boolean> seen = new IdentityHashMap<>();
        try {
            for (GpkgDataset ds : datasets) {
                Connection c = ds.connection();
                if (seen.put(c, Boolean.TRUE) != null) continue;
                try {
                    if (!c.getAutoCommit()) continue;
                    c.setAutoCommit(false);
                    s.begun.add(c);
                    try (Statement st = c.createStatement()) {
                        st.executeQuery("SELECT count(*) FROM sqlite_master").close(); // takes the SHARED lock until commit
                    }
                } catch (SQLException e) {
                    throw BdfsyncException.invalid(ds.path(), null, null, "cannot start a read transaction: " + e.getMessage(), e);
                }
            }
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** The file of {@code ds} opened for the pure-Java reader (once per path, closed by {@link #close}). */
    public synchronized SqliteFile file(GpkgDataset ds) {
        return files.computeIfAbsent(ds.path().toAbsolutePath(), SqliteFile::open);
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (Connection c : begun) {
            try {
                c.commit();
                c.setAutoCommit(true);
            } catch (SQLException e) {
                if (failure == null) failure = new BdfsyncException(ExitCode.INTERNAL, "cannot end a read transaction: " + e.getMessage(), e);
            }
        }
        begun.clear();
        for (SqliteFile f : files.values()) f.close();
        files.clear();
        if (failure != null) throw failure;
    }
}
