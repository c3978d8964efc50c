package fr.bdfsync.core.merge;

import fr.bdfsync.core.io.gpkg.GpkgSqlFunctions;
import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.conflict.Conflict;
import fr.bdfsync.core.conflict.ConflictSet;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.FieldType;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.AtomicOutput;
import fr.bdfsync.core.io.gpkg.GpkgWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the merged local dataset (a copy of the local file with the merge applied and the new sync state
 * inside) and the GeoPackage of changes to contribute. The merged file is written under a temporary name and
 * renamed into place; with {@code --in-place} the local file is first copied to {@code <local>.bak} (itself
 * atomically), then replaced by the rename.
 */
final class SyncOutputs {
    static final String STATE_FORMAT = "bdfsync.merge-state/v1";
    private final SyncJob job;
    private final SyncOptions options;

    SyncOutputs(SyncJob job, SyncOptions options) {
        this.job = job;
        this.options = options;
    }

    /**
     * Writes the merged dataset: a copy of the local GeoPackage with each layer's merge applied
     * ({@link MergedApplier}) and the new sync state, under a temporary name renamed into place.
     * Returns the backup path on an in-place run, else null.
     */
    Path writeMerged(Map<String, LayerMerge> merges, ConflictSet conflicts, List<Path> written) {
        Path target = options.inPlace() ? job.local() : job.merged();
        Path backup = null;
        try (AtomicOutput out = AtomicOutput.begin(target)) {
            try {
                Files.copy(job.local(), out.temporary(), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw BdfsyncException.output(target, "cannot copy the local data: " + e.getMessage(), e);
            }
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + out.temporary().toAbsolutePath())) {
                GpkgSqlFunctions.register(c);
                c.setAutoCommit(false);
                MergedApplier applier = new MergedApplier(target, c);
                for (LayerMerge m : merges.values()) applier.apply(m);
                c.commit();
                c.setAutoCommit(true);
                writeState(out.temporary(), c, merges, conflicts);
            } catch (SQLException e) {
                throw BdfsyncException.output(target, "cannot write the merged GeoPackage: " + e.getMessage(), e);
            }
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
            out.commit();
            written.add(target);
        }
        return backup;
    }

    private void writeState(Path file, Connection c, Map<String, LayerMerge> merges, ConflictSet conflicts) {
        List<SyncState.Entry> entries = new ArrayList<>();
        for (LayerMerge m : merges.values()) entries.addAll(stateEntries(m, conflicts));
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
    static List<SyncState.Entry> stateEntries(LayerMerge m, ConflictSet conflicts) {
        Set<String> whole = new HashSet<>();
        Map<String, Set<Integer>> parts = new LinkedHashMap<>();
        for (Conflict c : conflicts.conflicts()) {
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

    void writeChanges(Map<String, LayerMerge> merges, Map<String, List<Contribution.Change>> changes) {
        try (GpkgWriter w = GpkgWriter.create(job.changes())) {
            for (LayerMerge m : merges.values()) {
                Schema ns = m.national().schema();
                List<Field> fields = new ArrayList<>();
                fields.add(new Field("chg_operation", FieldType.TEXT));
                fields.add(new Field("chg_key", FieldType.TEXT));
                fields.add(new Field("chg_base_fingerprint", FieldType.TEXT));
                fields.add(new Field("chg_attributes", FieldType.TEXT));
                fields.addAll(ns.fields());
                GpkgWriter.LayerWriter lw = w.addLayer(new Schema(ns.layer(), fields, ns.geometryColumn(), ns.geometryType(), ns.hasZ(), ns.hasM(), ns.crs(), "fid"));
                for (Contribution.Change ch : changes.getOrDefault(m.layer(), List.of())) {
                    Object[] v = new Object[fields.size()];
                    v[0] = ch.op().name().toLowerCase(java.util.Locale.ROOT);
                    v[1] = ch.key();
                    v[2] = ch.baseFingerprint();
                    v[3] = String.join(",", ch.changed());
                    System.arraycopy(ch.feature().values(), 0, v, 4, ns.fields().size());
                    lw.write(new Feature(0, v, ch.feature().geometry()));
                }
            }
            w.commit();
        }
    }
}
