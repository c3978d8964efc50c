package fr.bdfsync.core.pkg;

import fr.bdfsync.core.Phases;
import fr.bdfsync.core.io.gpkg.GpkgSqlFunctions;
import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.AtomicOutput;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Applies a verified package to a national GeoPackage: every change's precondition is checked (update and delete:
 * one national row with the key whose fingerprint equals the base fingerprint, and inside the label's territory;
 * insert: no row with the key), fitting changes run as keyed UPDATE/DELETE/INSERT through prepared statements in
 * one transaction, and the rest go to a reject package with their reason. Three ways:
 * <ul>
 * <li>to a new file ({@code output}): the national file is copied to a temporary file beside the output, changed
 * there, and renamed into place only when complete; the national file is only read;</li>
 * <li>in place ({@link ApplyOptions#inPlace}): the national file itself is changed inside ONE SQLite transaction
 * with a rollback journal ({@link InPlaceTransaction}): a failure or a kill at any moment leaves it as it was, or
 * fully applied once the commit has completed;</li>
 * <li>dry run: every check, nothing written.</li>
 * </ul>
 */
public final class PackageApplier {
    private static final int SAMPLE = 20;

    private PackageApplier() {
    }

    /** Called after each write of an apply (tests use it to fail or to stop an apply midway). */
    interface WriteProbe {
        WriteProbe NONE = (c, writes) -> {
        };

        void afterWrite(Connection c, long writes) throws SQLException;

        /** Apply to a new file (or a dry run): the national file's read snapshot is held and the key lookups started (for tests). */
        default void snapshotHeld(Path national) {
        }
    }

    public static ApplyReport apply(VerifiedPackage vp, Path national, Path output, ApplyOptions o) {
        return apply(vp, national, output, o, WriteProbe.NONE);
    }

    static ApplyReport apply(VerifiedPackage vp, Path national, Path output, ApplyOptions o, WriteProbe probe) {
        if (!Files.isRegularFile(national)) throw BdfsyncException.notFound(national, "no such national file");
        Path target = o.inPlace() ? national : output;
        if (target == null && !o.dryRun()) throw BdfsyncException.usage("apply needs --output, --in-place or --dry-run");
        if (!o.inPlace() && !o.dryRun() && sameFile(national, output)) {
            throw BdfsyncException.usage("--output is the national file; use --in-place to change it (in one transaction)");
        }
        if (o.backup() != null && !o.inPlace()) throw BdfsyncException.usage("--backup goes with --in-place");
        if (o.inPlace()) {
            if (o.dryRun()) throw BdfsyncException.usage("--dry-run and --in-place contradict each other");
            try (InPlaceTransaction tx = InPlaceTransaction.open(national)) {
                // read before the lock: opening another descriptor of the file once it is held would drop it
                Map<String, Schema> nationalSchemas = schemas(national);
                tx.lock();
                return applyInPlace(vp, national, nationalSchemas, o, probe, tx);
            }
        }
        Phases phases = new Phases();
        // one read snapshot of the national file for the key lookups, the copy and the SQL fallbacks; opened after the
        // package's own files and closed last (see NationalSnapshot)
        try (ChangesGpkg.Reader changes = ChangesGpkg.open(vp.path(), vp.changesFile()); NationalSnapshot snapshot = NationalSnapshot.open(national)) {
            Map<String, Schema> nationalSchemas = snapshot.schemas();
            Layers pending = layers(vp, changes, nationalSchemas, phases);
            boolean geometries = new ScopeCheck(vp.registryLabel()).hasTerritory();
            // the key lookups read the national file under the snapshot, while it is being copied
            try (KeyLookups lookups = KeyLookups.start(snapshot.connection(), snapshot.view(), nationalSchemas, vp.manifest().keyColumn(), pending.keys(),
                    geometries, phases)) {
                probe.snapshotHeld(national);
                if (o.dryRun()) {
                    long t0 = System.nanoTime();
                    Outcome done = run(vp, snapshot.connection(), pending, lookups, o, phases, probe);
                    return report(vp, o, null, null, null, 0, millisSince(t0), done, phases);
                }
                try (AtomicOutput out = AtomicOutput.begin(target)) {
                    long t0 = System.nanoTime();
                    copy(snapshot, national, out.temporary(), target);
                    long copyMillis = (System.nanoTime() - t0) / 1_000_000;
                    Outcome done;
                    t0 = System.nanoTime();
                    try (Connection c = connect(out.temporary(), false)) {
                        done = run(vp, c, pending, lookups, o, phases, probe);
                        long t = System.nanoTime();
                        c.commit();
                        phases.add("commit", t);
                    } catch (SQLException e) {
                        throw BdfsyncException.output(target, "cannot apply: " + e.getMessage(), e);
                    }
                    String rejectPackage = writeReject(vp, pending.changes().layers(), done, o, phases);
                    long applyMillis = millisSince(t0);
                    out.commit();
                    return report(vp, o, target, null, rejectPackage, copyMillis, applyMillis, done, phases);
                }
            } catch (SQLException e) {
                throw BdfsyncException.output(national, "cannot read: " + e.getMessage(), e);
            }
        }
    }

    /**
     * The in-place apply, inside {@code tx} (write lock held, nothing written yet): backup if asked, key lookups and
     * preconditions read from the file under the lock, the writes, the reject package, then the one commit.
     */
    private static ApplyReport applyInPlace(VerifiedPackage vp, Path national, Map<String, Schema> nationalSchemas, ApplyOptions o, WriteProbe probe,
                                            InPlaceTransaction tx) {
        Phases phases = new Phases();
        long t = System.nanoTime();
        String backup = null;
        if (o.backup() != null) {
            tx.backup(o.backup());
            backup = o.backup().toString();
            t = phases.add("backup copy", t);
        }
        try (ChangesGpkg.Reader changes = ChangesGpkg.open(vp.path(), vp.changesFile())) {
            Layers pending = layers(vp, changes, nationalSchemas, phases);
            boolean geometries = new ScopeCheck(vp.registryLabel()).hasTerritory();
            Connection c = tx.connection();
            long t0 = System.nanoTime();
            try (KeyLookups lookups = KeyLookups.start(c, tx.view(), nationalSchemas, vp.manifest().keyColumn(), pending.keys(), geometries, phases)) {
                Outcome done = run(vp, c, pending, lookups, o, phases, probe);
                String rejectPackage = writeReject(vp, changes.layers(), done, o, phases);
                t = System.nanoTime();
                try {
                    tx.commit();
                } catch (RuntimeException e) {
                    if (rejectPackage != null) deleteQuietly(Path.of(rejectPackage));
                    throw e;
                }
                phases.add("commit", t);
                return report(vp, o, national, backup, rejectPackage, 0, millisSince(t0), done, phases);
            } catch (SQLException e) {
                throw BdfsyncException.output(national, "cannot apply: " + e.getMessage(), e);
            }
        } catch (RuntimeException e) {
            if (backup != null) deleteQuietly(o.backup()); // nothing changed: no backup of it either
            throw e;
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort
        }
    }

    private static Map<String, Schema> schemas(Path national) {
        Map<String, Schema> nationalSchemas = new TreeMap<>();
        try (GpkgDataset ds = GpkgDataset.open(national)) {
            for (String l : ds.layerNames()) nationalSchemas.put(l, ds.schema(l));
        }
        return nationalSchemas;
    }

    /** What apply knows of each layer of the package before applying: why it cannot apply, the keys it names. */
    private static Layers layers(VerifiedPackage vp, ChangesGpkg.Reader changes, Map<String, Schema> nationalSchemas, Phases phases) {
        long t = System.nanoTime();
        Map<String, String> problems = new TreeMap<>();
        Map<String, Set<String>> keys = new TreeMap<>();
        for (Map.Entry<String, Schema> e : changes.layers().entrySet()) {
            String problem = layerProblem(e.getKey(), nationalSchemas.get(e.getKey()), e.getValue(), vp.manifest().keyColumn());
            if (problem != null) problems.put(e.getKey(), problem);
            else keys.put(e.getKey(), changes.keys(e.getKey()));
        }
        phases.add("read change keys", t);
        return new Layers(changes, nationalSchemas, problems, keys);
    }

    /** The package's changes and what apply knows of each layer before applying: why it cannot apply, its keys. */
    private record Layers(ChangesGpkg.Reader changes, Map<String, Schema> nationalSchemas, Map<String, String> problems, Map<String, Set<String>> keys) {
    }

    /** What the application did: counts per layer and operation, rejections per reason, a sample, the rejected changes. */
    private record Outcome(Map<String, Map<String, Long>> applied, Map<String, Long> rejectedCounts, List<String> sample,
                           List<PackageChange> rejected) {
    }

    /**
     * Copies the national file as the snapshot sees it, through the snapshot's own descriptor (opening and closing
     * another one would drop the snapshot's lock), keeping its permissions and modification time as a plain copy would.
     */
    private static void copy(NationalSnapshot snapshot, Path national, Path temporary, Path target) {
        try {
            snapshot.view().copyTo(temporary);
            try {
                Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(national));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the default permissions
            }
            Files.setLastModifiedTime(temporary, Files.getLastModifiedTime(national));
        } catch (IOException e) {
            throw BdfsyncException.output(target, "cannot copy the national file: " + e.getMessage(), e);
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** Checks and applies every change on {@code c} (its transaction is left open: the caller commits). */
    private static Outcome run(VerifiedPackage vp, Connection c, Layers layers, KeyLookups lookups, ApplyOptions o, Phases phases,
                               WriteProbe probe) throws SQLException {
        Map<String, Map<String, Long>> applied = new TreeMap<>();
        Map<String, Long> rejectedCounts = new TreeMap<>();
        List<String> sample = new ArrayList<>();
        List<PackageChange> rejected = new ArrayList<>();
        ScopeCheck scope = new ScopeCheck(vp.registryLabel());
        ChangesGpkg.Reader changes = layers.changes();
        Map<String, Schema> changeSchemas = changes.layers();
        // a package verified all but its changes has them checked here, during the one read of them
        ChangeAudit audit = vp.changesAudited() ? null : new ChangeAudit(vp.path(), scope);
        long writes = 0;
        try (ChangeStream stream = new ChangeStream(changes, new ArrayList<>(changeSchemas.keySet()))) {
            for (String layer : changeSchemas.keySet()) {
                Schema national = layers.nationalSchemas().get(layer);
                String layerProblem = layers.problems().get(layer);
                long t;
                try (NationalLayer nl = layerProblem == null ? new NationalLayer(c, national, vp.manifest().keyColumn(), lookups.get(layer)) : null) {
                    if (nl != null && !o.dryRun()) nl.maintainSpatialIndex();
                    Iterator<PackageChange> it = stream.layer();
                    while (true) {
                        t = System.nanoTime();
                        if (!it.hasNext()) break;
                        PackageChange ch = it.next();
                        t = phases.add("wait for changes (read on their own thread)", t);
                        if (audit != null) {
                            audit.add(ch);
                            t = phases.add("verification of the changes (scope, duplicates)", t);
                        }
                        Refusal why = layerProblem != null ? new Refusal(Refusal.UNKNOWN_LAYER, layerProblem) : applyOne(nl, ch, scope, o.dryRun(), phases);
                        if (why == null) {
                            PackageWriter.count(applied, ch);
                            if (!o.dryRun()) probe.afterWrite(c, ++writes);
                        } else {
                            rejectedCounts.merge(why.reason(), 1L, Long::sum);
                            if (sample.size() < SAMPLE) sample.add("layer '" + layer + "' " + ch.op().code() + " '" + ch.key() + "': " + why);
                            if (o.rejectPath() != null) rejected.add(ch.withReason(why.toString()));
                        }
                    }
                }
            }
        }
        if (audit != null) {
            long t = System.nanoTime();
            audit.finish(changes.lineage(), vp.manifest());
            phases.add("verification of the changes (scope, duplicates)", t);
        }
        return new Outcome(applied, rejectedCounts, sample, rejected);
    }

    /** Writes the reject package when asked and some changes were rejected; returns its path, or null. */
    private static String writeReject(VerifiedPackage vp, Map<String, Schema> changeSchemas, Outcome done, ApplyOptions o, Phases phases) {
        if (o.dryRun() || o.rejectPath() == null || done.rejected().isEmpty()) return null;
        long t = System.nanoTime();
        writeReject(vp, changeSchemas, done.rejected(), done.rejectedCounts(), o);
        phases.add("reject package", t);
        return o.rejectPath().toString();
    }

    private static ApplyReport report(VerifiedPackage vp, ApplyOptions o, Path target, String backup, String rejectPackage, long copyMillis,
                                      long applyMillis, Outcome done, Phases phases) {
        return new ApplyReport(vp.manifest().packageId(), o.dryRun(), target == null ? null : target.toString(), backup, rejectPackage,
                done.applied(), done.rejectedCounts(), done.sample(), copyMillis, applyMillis, phases.millis());
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** Why a whole layer of the package cannot apply to the national file, or null. */
    private static String layerProblem(String layer, Schema national, Schema packaged, String keyColumn) {
        if (national == null) return "the national file has no layer '" + layer + "'";
        if (national.indexOf(keyColumn) < 0) return "the national layer has no key column '" + keyColumn + "'";
        if (national.hasGeometry() != packaged.hasGeometry()) return "geometry column presence differs from the national layer";
        if (national.hasGeometry() && national.crs() != null && packaged.crs() != null && national.crs().srsId() != packaged.crs().srsId()) {
            return "CRS " + packaged.crs().label() + " differs from the national layer's " + national.crs().label();
        }
        return null;
    }

    private static Refusal applyOne(NationalLayer nl, PackageChange ch, ScopeCheck scope, boolean dryRun, Phases phases) throws SQLException {
        for (String name : ch.changed()) {
            if (!name.equals(Label.GEOMETRY) && nl.schema().indexOf(name) < 0) {
                return new Refusal(Refusal.UNKNOWN_ATTRIBUTE, "the national layer has no attribute '" + name + "'");
            }
            if (name.equals(Label.GEOMETRY) && !nl.schema().hasGeometry()) return new Refusal(Refusal.UNKNOWN_ATTRIBUTE, "the national layer has no geometry");
        }
        Long rowId = nl.rowId(ch.key());
        if (ch.op() == ChangeOp.INSERT) {
            if (rowId != null) return new Refusal(Refusal.ALREADY_EXISTS, "a national object already has this key");
            Refusal r = scope.checkLocation(ch.geometry());
            if (r != null) return r;
            long t = System.nanoTime();
            if (!dryRun) nl.insert(ch.key(), ch.changed(), ch.values(), ch.geometry());
            phases.add("writes", t);
            return null;
        }
        if (rowId == null) return new Refusal(Refusal.MISSING, "no national object has this key any more");
        if (rowId == NationalLayer.AMBIGUOUS) return new Refusal(Refusal.AMBIGUOUS_KEY, "several national objects have this key");
        long t = System.nanoTime();
        NationalLayer.Current cur = nl.current(ch.key(), rowId);
        phases.add("precondition reads", t);
        if (cur == null) return new Refusal(Refusal.MISSING, "no national object has this key any more");
        if (!cur.fingerprint().equals(ch.baseFingerprint())) {
            return new Refusal(Refusal.STALE_BASE, "the national object changed since the package was made (fingerprint "
                    + cur.fingerprint().substring(0, 12) + "..., package base " + abbreviate(ch.baseFingerprint()) + ")");
        }
        Refusal r = scope.checkLocation(cur.geometry());
        if (r == null && ch.geometry() != null) r = scope.checkLocation(ch.geometry());
        if (r != null) return r;
        t = System.nanoTime();
        if (!dryRun) {
            if (ch.op() == ChangeOp.DELETE) nl.delete(ch.key(), rowId);
            else nl.update(ch.key(), rowId, ch.changed(), ch.values(), ch.geometry());
        }
        phases.add("writes", t);
        return null;
    }

    private static String abbreviate(String s) {
        return s.length() > 12 ? s.substring(0, 12) + "..." : s;
    }

    private static Connection connect(Path file, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        if (readOnly) {
            config.setReadOnly(true);
        } else {
            // the file is a private temporary copy, deleted on failure: no journal needed
            config.setJournalMode(SQLiteConfig.JournalMode.OFF);
            config.setSynchronous(SQLiteConfig.SynchronousMode.OFF);
        }
        config.setCacheSize(-InPlaceTransaction.CACHE_KIB);
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
        if (!readOnly) {
            GpkgSqlFunctions.register(c);
            c.setAutoCommit(false);
        }
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA temp_store = MEMORY");
        }
        // no memory map (as InPlaceTransaction): SQLite only reads the pages it changes
        return c;
    }

    private static void writeReject(VerifiedPackage vp, Map<String, Schema> changeSchemas, List<PackageChange> rejected,
                                    Map<String, Long> reasons, ApplyOptions o) {
        Manifest m = vp.manifest();
        Map<String, Schema> schemas = new TreeMap<>();
        for (Map.Entry<String, Schema> e : changeSchemas.entrySet()) schemas.put(e.getKey(), e.getValue());
        PackageWriter.Header h = new PackageWriter.Header(Manifest.KIND_REJECT, o.created() != null ? o.created() : Instant.now(), m.label(), m.base(),
                m.keyColumn(), new Manifest.Validation(rejected.size(), rejected.size(), reasons), m.qa(), m.packageId());
        PackageWriter.write(o.rejectPath(), h, schemas, rejected, List.of(), null, o.signKey(), o.signPublicKey());
    }
}
