package fr.bdfsync.core.pkg;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.io.AtomicOutput;
import fr.bdfsync.core.io.gpkg.GpkgSqlFunctions;
import fr.bdfsync.core.io.sqlite.SqliteFile;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * The one write transaction of an in-place apply on the national file. SQLite makes it atomic: with a rollback
 * journal ({@code journal_mode=DELETE}: the original of every page is saved in {@code NATIONAL-journal} before the
 * page is changed in the file, and the journal is deleted by the commit), a failure rolls back, and a kill or a crash
 * at any moment leaves a "hot" journal that the next opening of the file plays back: the file is then exactly as it
 * was, or fully applied once the commit has completed. {@code synchronous=FULL} (SQLite's default) orders the writes
 * with fsync so that a power loss is covered too. A file in WAL mode is refused (it would be converted).
 * <p>
 * {@link #open} connects (and plays back a hot journal a killed apply left); {@link #lock} then takes the write lock
 * ({@code BEGIN IMMEDIATE}: RESERVED, readers still read the committed state, no other writer) and opens
 * {@link #view()}, a pure-Java read view of the same file. Until the first write the file holds exactly the state the
 * transaction starts from, so the key lookups and preconditions read from the view under the lock see the
 * transaction's own snapshot. <b>Between {@link #lock} and {@link #close} nothing in the process may open and close
 * another descriptor of the file</b> (a {@code GpkgDataset.open}, a {@code Files.newInputStream}...): on POSIX systems
 * closing any descriptor of a file drops every lock the process holds on it, SQLite's included. So the view is
 * closed only after the connection, and whatever needs the file opened otherwise is done before {@link #lock}.
 */
final class InPlaceTransaction implements AutoCloseable {
    /**
     * SQLite page cache of the apply connections (KiB), in place and to a new file. 16 MiB, not enough to hold the pages
     * a 1M apply dirties (~700 MB): SQLite spills them into the file as it goes (in place after syncing the journal),
     * and that is cheaper than a big cache, where every page read or written goes into newly allocated memory (malloc
     * and a page fault per page: in place at 1M, 256 MiB against 16 MiB, alternating, 30.1 / 27.3 and 26.1 / 20.8
     * CPU-s, writes + commit 24.1 / 18.1 and 17.8 / 13.5 s; the same used bytes in the file; docs/pkg.md, round 11).
     */
    static final int CACHE_KIB = 16_384;

    private final Path file;
    private final Connection c;
    private SqliteFile view;
    private boolean committed;

    private InPlaceTransaction(Path file, Connection c) {
        this.file = file;
        this.c = c;
    }

    /** Connects to the national file for writing (no lock held yet); a hot journal left by a kill is played back. */
    static InPlaceTransaction open(Path national) {
        try (SqliteFile header = SqliteFile.open(national)) {
            if (header.walMode()) {
                throw BdfsyncException.output(national, "the national file is in WAL mode; an in-place apply needs a rollback journal "
                        + "(convert it with: sqlite3 FILE 'PRAGMA journal_mode=DELETE'), or apply with --output NEW", null);
            }
        }
        Connection c = null;
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.DELETE);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            config.setCacheSize(-CACHE_KIB);
            c = DriverManager.getConnection("jdbc:sqlite:" + national.toAbsolutePath(), config.toProperties());
            try (Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
                    String mode = rs.next() ? rs.getString(1) : "?";
                    if (!"delete".equals(mode.toLowerCase(Locale.ROOT))) {
                        throw BdfsyncException.output(national, "cannot use a rollback journal on the national file (journal mode " + mode + ")", null);
                    }
                }
                st.execute("PRAGMA temp_store = MEMORY");
            }
            GpkgSqlFunctions.register(c);
            // no memory map: the full reads go through the pure-Java reader; SQLite only reads the pages it changes, and
            // mapping the file counted up to 2 GB of it in the resident size for no speed (docs/pkg.md, round 6)
            readSchema(c); // the first read plays back a hot journal
            InPlaceTransaction tx = new InPlaceTransaction(national, c);
            c = null;
            return tx;
        } catch (SQLException e) {
            throw BdfsyncException.output(national, "cannot start a write transaction on the national file: " + e.getMessage(), e);
        } finally {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // already failing
                }
            }
        }
    }

    private static void readSchema(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master")) {
            rs.next();
        }
    }

    /** Takes the write lock ({@code BEGIN IMMEDIATE}) and opens the read view; see the class comment. */
    void lock() {
        try {
            c.setAutoCommit(false); // BEGIN IMMEDIATE
            readSchema(c);
        } catch (SQLException e) {
            throw BdfsyncException.output(file, "cannot start a write transaction on the national file: " + e.getMessage(), e);
        }
        view = SqliteFile.open(file);
    }

    Connection connection() {
        return c;
    }

    /** The pure-Java read view of the file, for reads before the first write. */
    SqliteFile view() {
        return view;
    }

    /** Copies the file as it is at the start of the transaction to {@code target} (a new file, written atomically). */
    void backup(Path target) {
        if (Files.exists(target)) throw BdfsyncException.output(target, "the backup file already exists", null);
        try (AtomicOutput out = AtomicOutput.begin(target)) {
            view.copyTo(out.temporary());
            out.commit();
        } catch (IOException e) {
            throw BdfsyncException.output(target, "cannot copy the national file to the backup: " + e.getMessage(), e);
        }
    }

    /** Commits: from here on the file is fully applied. */
    void commit() {
        try {
            c.commit();
            committed = true;
        } catch (SQLException e) {
            throw BdfsyncException.output(file, "cannot commit the apply (the national file is unchanged): " + e.getMessage(), e);
        }
    }

    /** Rolls back unless committed, then releases the lock, then closes the view. */
    @Override
    public void close() {
        try {
            if (!committed && !c.getAutoCommit()) c.rollback();
        } catch (SQLException ignored) {
            // closing the connection rolls back too
        } finally {
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing more to release
            }
            if (view != null) view.close();
        }
    }
}
