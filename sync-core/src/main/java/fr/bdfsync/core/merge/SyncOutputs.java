package fr.bdfsync.core.merge;

import fr.bdfsync.core.io.gpkg.GpkgSqlFunctions;
import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.conflict.Conflict;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.FieldType;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.AtomicOutput;
import fr.bdfsync.core.io.gpkg.GpkgWriter;
import fr.bdfsync.core.io.gpkg.RtreeTriggerReplay;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the merged local dataset (a copy of the local file with the merge applied and the new sync state
 * inside) and the GeoPackage of changes to contribute, one layer after the other as the run finishes them, so a
 * layer's merge can be let go before the next one is read. Both files are written under temporary names: the
 * merged file is renamed into place by {@link #commitMerged}, the changes by {@link #commitChanges}; closing
 * without committing deletes them. With {@code --in-place} the local file is first copied to {@code <local>.bak}
 * (itself atomically), then replaced by the rename.
 */
final class SyncOutputs implements AutoCloseable {
    static final String STATE_FORMAT = "bdfsync.merge-state/v1";
    private final SyncJob job;
    private final SyncOptions options;
    private final Path target;
    private final AtomicOutput merged;
    private final Connection connection;
    private final MergedApplier applier;
    private final RtreeTriggerReplay rtree;
    private final GpkgWriter changes;
    private final List<SyncState.Entry> entries = new ArrayList<>();

    private SyncOutputs(SyncJob job, SyncOptions options, Path target, AtomicOutput merged, Connection connection, RtreeTriggerReplay rtree,
                        GpkgWriter changes) {
        this.job = job;
        this.options = options;
        this.target = target;
        this.merged = merged;
        this.connection = connection;
        this.rtree = rtree;
        this.applier = new MergedApplier(target, connection, rtree);
        this.changes = changes;
    }

    /** Where the merged dataset goes: the merged output, or the local file itself with {@code --in-place}. */
    static Path target(SyncJob job, SyncOptions options) {
        return options.inPlace() ? job.local() : job.merged();
    }

    /**
     * Starts both outputs: the local file copied under a temporary name ({@code copy}, started earlier: waited for
     * here; a transaction open on it), the changes file.
     */
    static SyncOutputs open(SyncJob job, SyncOptions options, LocalCopy copy) {
        Path target = target(job, options);
        AtomicOutput out = copy.await();
        Connection c = null;
        RtreeTriggerReplay rtree;
        try {
            try {
                c = connect(out.temporary());
                rtree = RtreeTriggerReplay.suspend(c);
            } catch (SQLException e) {
                throw BdfsyncException.output(target, "cannot write the merged GeoPackage: " + e.getMessage(), e);
            }
            return new SyncOutputs(job, options, target, out, c, rtree, GpkgWriter.create(job.changes()));
        } catch (RuntimeException e) {
            closeQuietly(c);
            out.close();
            throw e;
        }
    }

    /**
     * The connection that applies the merge to the private temporary copy. No rollback journal and no fsync at each
     * commit ({@code journal_mode=OFF}, {@code synchronous=OFF}): nothing but this run sees the copy, and on any failure
     * it is deleted, so a transaction is never rolled back into it; the rename that publishes it comes after the last
     * write (an in-place run first forces the copy to disk: {@link #commitMerged}). With the journal, every time the
     * page cache filled mid-transaction SQLite synced the journal before spilling pages into the file, and the commit
     * synced the whole copy. An 8 MiB page cache (a spill into the file is a plain write without the journal; a larger cache would count in the resident size) and no memory
     * map: the copy is written, not read in bulk.
     */
    static Connection connect(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.OFF);
        config.setSynchronous(SQLiteConfig.SynchronousMode.OFF);
        config.setCacheSize(-8192);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
        try {
            GpkgSqlFunctions.register(c);
            c.setAutoCommit(false);
            return c;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /**
     * Writes one finished layer: its merge applied to the merged copy ({@link MergedApplier}), its changes to
     * contribute, and its sync-state overrides (kept until {@link #commitMerged}).
     * @param layerConflicts the layer's conflicts, final statuses, in the order of {@code conflicts.json}
     */
    void layer(LayerMerge m, List<Conflict> layerConflicts, List<Contribution.Change> layerChanges) {
        applier.apply(m);
        entries.addAll(stateEntries(m, layerConflicts));
        writeChanges(m, layerChanges);
    }

    /** Commits the merged copy, writes the new sync state into it and renames it into place; returns the backup path on an in-place run, else null. */
    Path commitMerged(List<Path> written) {
        try {
            if (rtree != null) rtree.restore();
            connection.commit();
            connection.setAutoCommit(true);
            writeState(merged.temporary(), connection, entries);
            connection.close();
        } catch (SQLException e) {
            throw BdfsyncException.output(target, "cannot write the merged GeoPackage: " + e.getMessage(), e);
        }
        // in place, the copy replaces the user's data: on disk before the rename, as SQLite's own commit would have it
        if (options.inPlace()) force(merged.temporary());
        Path backup = null;
        if (options.inPlace()) {
            backup = job.local().resolveSibling(job.local().getFileName() + ".bak");
            try (AtomicOutput b = AtomicOutput.begin(backup)) {
                Files.copy(job.local(), b.temporary(), StandardCopyOption.REPLACE_EXISTING);
                b.commit();
            } catch (IOException e) {
                throw BdfsyncException.output(backup, "cannot back up the local data before replacing it: " + e.getMessage(), e);
            }
            written.add(backup);
        }
        merged.commit();
        written.add(target);
        return backup;
    }

    /** Finishes the changes file and renames it into place. */
    void commitChanges(List<Path> written) {
        changes.commit();
        written.add(job.changes());
    }

    @Override
    public void close() {
        closeQuietly(connection);
        try {
            changes.close();
        } finally {
            merged.close();
        }
    }

    private void force(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        } catch (IOException e) {
            throw BdfsyncException.output(target, "cannot write the merged GeoPackage to disk: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) return;
        try {
            if (!c.isClosed()) c.close();
        } catch (SQLException ignored) {
            // the temporary file is deleted anyway
        }
    }

    private void writeState(Path file, Connection c, List<SyncState.Entry> entries) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", STATE_FORMAT);
        meta.put("job", job.name());
        meta.putAll(SyncState.reference(job.national(), job.differential()));
        meta.put("created", options.now().toString());
        SyncState.write(file, c, entries, meta);
    }

    /**
     * The state's overrides of a layer. The new ancestor is the national edition (referenced in the state's
     * meta table), except what stays in open conflict: an open conflict on a whole object (delete/edit,
     * edit/delete, insert/insert, a scope creation or deletion) keeps the object's previous ancestor (or its
     * absence); an open conflict on an attribute or the geometry keeps that attribute's previous ancestor
     * value (null when there was none), so the conflict is found again, with the same id, on the next run.
     */
    static List<SyncState.Entry> stateEntries(LayerMerge m, List<Conflict> conflicts) {
        Set<String> whole = new HashSet<>();
        Map<String, Set<Integer>> parts = new LinkedHashMap<>();
        for (Conflict c : conflicts) {
            Pending p = m.pending().get(c.id());
            if (p == null || !c.isOpen()) continue;
            if (p.attribute() == Pending.WHOLE) {
                whole.add(p.merge().key());
                if (p.other() != null) whole.add(p.other().key());
            } else {
                parts.computeIfAbsent(p.merge().key(), k -> new HashSet<>()).add(p.attribute());
            }
        }
        Schema ns = m.national().schema();
        List<String> names = SyncState.names(ns);
        int srs = ns.crs() == null ? -1 : ns.crs().srsId();
        List<SyncState.Entry> entries = new ArrayList<>();
        for (String key : whole) {
            Feature old = m.ancestor() == null ? null : m.ancestor().get(key);
            entries.add(old == null ? SyncState.Entry.absent(m.layer(), key)
                    : new SyncState.Entry(m.layer(), key, SyncState.attributes(old, m.ancestor().schema(), names), old.geometry(), srs));
        }
        for (Map.Entry<String, Set<Integer>> e : parts.entrySet()) {
            String key = e.getKey();
            if (whole.contains(key)) continue;
            Feature n = m.national().get(key);
            if (n == null) continue;
            Feature old = m.ancestor() == null ? null : m.ancestor().get(key);
            Map<String, Object> values = SyncState.attributes(n, ns, names);
            fr.bdfsync.core.feature.GeometryValue g = n.geometry();
            for (int i : e.getValue()) {
                if (i >= 0) {
                    int ai = m.alignment().ancestor()[i];
                    values.put(m.alignment().names().get(i), old == null || ai < 0 ? null : old.value(ai));
                } else {
                    g = old == null ? null : old.geometry();
                }
            }
            entries.add(new SyncState.Entry(m.layer(), key, values, g, srs));
        }
        return entries;
    }

    private void writeChanges(LayerMerge m, List<Contribution.Change> layerChanges) {
        Schema ns = m.national().schema();
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("chg_operation", FieldType.TEXT));
        fields.add(new Field("chg_key", FieldType.TEXT));
        fields.add(new Field("chg_base_fingerprint", FieldType.TEXT));
        fields.add(new Field("chg_attributes", FieldType.TEXT));
        fields.addAll(ns.fields());
        GpkgWriter.LayerWriter lw = changes.addLayer(new Schema(ns.layer(), fields, ns.geometryColumn(), ns.geometryType(), ns.hasZ(), ns.hasM(), ns.crs(), "fid"));
        for (Contribution.Change ch : layerChanges) {
            Object[] v = new Object[fields.size()];
            v[0] = ch.op().name().toLowerCase(java.util.Locale.ROOT);
            v[1] = ch.key();
            v[2] = ch.baseFingerprint();
            v[3] = String.join(",", ch.changed());
            System.arraycopy(ch.feature().values(), 0, v, 4, ns.fields().size());
            lw.write(new Feature(0, v, ch.feature().geometry()));
        }
    }
}
