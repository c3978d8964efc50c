package fr.bdfsync.core.pkg;

import fr.bdfsync.core.io.gpkg.GpkgSqlFunctions;
import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.AtomicOutput;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * Applies a verified package to a national GeoPackage. The national file is copied once to a temporary
 * file beside the output; every change's precondition is checked there (update and delete: one national row
 * with the key whose fingerprint equals the base fingerprint, and inside the label's territory; insert: no
 * row with the key), fitting changes run as keyed UPDATE/DELETE/INSERT through prepared statements in one
 * transaction, and the rest go to a reject package with their reason. The output appears only when complete;
 * the national file is never written unless {@code inPlace}, and then replaced atomically after a backup.
 */
public final class PackageApplier {
    private static final int SAMPLE = 20;

    private PackageApplier() {
    }

    public static ApplyReport apply(VerifiedPackage vp, Path national, Path output, ApplyOptions o) {
        if (!Files.isRegularFile(national)) throw BdfsyncException.notFound(national, "no such national file");
        Path target = o.inPlace() ? national : output;
        if (target == null && !o.dryRun()) throw BdfsyncException.usage("apply needs --output, --in-place or --dry-run");
        if (!o.inPlace() && !o.dryRun() && sameFile(national, output)) {
            throw BdfsyncException.usage("--output is the national file; use --in-place to replace it (a backup is kept)");
        }
        Map<String, Schema> nationalSchemas;
        try (GpkgDataset ds = GpkgDataset.open(national)) {
            nationalSchemas = new TreeMap<>();
            for (String l : ds.layerNames()) nationalSchemas.put(l, ds.schema(l));
        }
        Phases phases = new Phases();
        long t = System.nanoTime();
        try (ChangesGpkg.Reader changes = ChangesGpkg.open(vp.path(), vp.changesFile())) {
            Map<String, String> problems = new TreeMap<>();
            Map<String, Set<String>> keys = new TreeMap<>();
            for (Map.Entry<String, Schema> e : changes.layers().entrySet()) {
                String problem = layerProblem(e.getKey(), nationalSchemas.get(e.getKey()), e.getValue(), vp.manifest().keyColumn());
                if (problem != null) problems.put(e.getKey(), problem);
                else keys.put(e.getKey(), changes.keys(e.getKey()));
            }
            phases.add("read change keys", t);
            // the key lookups read the national file itself, while it is being copied
            try (KeyLookups lookups = KeyLookups.start(national, nationalSchemas, vp.manifest().keyColumn(), keys, phases)) {
                Layers layers = new Layers(changes, nationalSchemas, problems, lookups);
                if (o.dryRun()) return run(vp, national, layers, o, 0, target, phases);
                try (AtomicOutput out = AtomicOutput.begin(target)) {
                    long t0 = System.nanoTime();
                    copy(national, out.temporary(), target);
                    long copyMillis = (System.nanoTime() - t0) / 1_000_000;
                    ApplyReport report = run(vp, out.temporary(), layers, o, copyMillis, target, phases);
                    String backup = null;
                    if (o.inPlace()) backup = backup(national, vp.manifest().packageId()).toString();
                    out.commit();
                    return new ApplyReport(report.packageId(), false, target.toString(), backup, report.rejectPackage(), report.applied(),
                            report.rejected(), report.rejectedSample(), report.copyMillis(), report.applyMillis(), report.phaseMillis());
                }
            }
        }
    }

    /** The package's changes and what apply knows of each layer before applying: why it cannot apply, its key lookup. */
    private record Layers(ChangesGpkg.Reader changes, Map<String, Schema> nationalSchemas, Map<String, String> problems, KeyLookups lookups) {
    }

    private static void copy(Path national, Path temporary, Path target) {
        try {
            Files.copy(national, temporary, StandardCopyOption.COPY_ATTRIBUTES);
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

    /** Keeps the national file as NAME.before-PACKAGEID.gpkg (a hard link where possible, else a copy). */
    private static Path backup(Path national, String packageId) {
        String name = national.getFileName().toString();
        int dot = name.lastIndexOf('.');
        Path backup = national.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".before-" + packageId + (dot > 0 ? name.substring(dot) : ""));
        if (Files.exists(backup)) throw BdfsyncException.output(backup, "backup already exists: this package was applied in place before", null);
        try {
            try {
                Files.createLink(backup, national);
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(national, backup, StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (IOException e) {
            throw BdfsyncException.output(backup, "cannot keep a backup of the national file: " + e.getMessage(), e);
        }
        return backup;
    }

    private static ApplyReport run(VerifiedPackage vp, Path file, Layers layers, ApplyOptions o, long copyMillis, Path target, Phases phases) {
        long t0 = System.nanoTime();
        Map<String, Map<String, Long>> applied = new TreeMap<>();
        Map<String, Long> rejectedCounts = new TreeMap<>();
        List<String> sample = new ArrayList<>();
        List<PackageChange> rejected = new ArrayList<>();
        ScopeCheck scope = new ScopeCheck(vp.registryLabel());
        ChangesGpkg.Reader changes = layers.changes();
        Map<String, Schema> changeSchemas = changes.layers();
        // a package verified all but its changes has them checked here, during the one read of them
        ChangeAudit audit = vp.changesAudited() ? null : new ChangeAudit(vp.path(), scope);
        try (Connection c = connect(file, o.dryRun())) {
            for (String layer : changeSchemas.keySet()) {
                Schema national = layers.nationalSchemas().get(layer);
                String layerProblem = layers.problems().get(layer);
                long t;
                try (NationalLayer nl = layerProblem == null ? new NationalLayer(c, national, vp.manifest().keyColumn(), layers.lookups().get(layer)) : null) {
                    if (nl != null && !o.dryRun()) nl.maintainSpatialIndex();
                    Iterator<PackageChange> it = changes.changes(layer);
                    while (true) {
                        t = System.nanoTime();
                        if (!it.hasNext()) break;
                        PackageChange ch = it.next();
                        t = phases.add("read changes", t);
                        if (audit != null) {
                            audit.add(ch);
                            t = phases.add("verification of the changes (scope, duplicates)", t);
                        }
                        Refusal why = layerProblem != null ? new Refusal(Refusal.UNKNOWN_LAYER, layerProblem) : applyOne(nl, ch, scope, o.dryRun(), phases);
                        if (why == null) {
                            PackageWriter.count(applied, ch);
                        } else {
                            rejectedCounts.merge(why.reason(), 1L, Long::sum);
                            if (sample.size() < SAMPLE) sample.add("layer '" + layer + "' " + ch.op().code() + " '" + ch.key() + "': " + why);
                            if (o.rejectPath() != null) rejected.add(ch.withReason(why.toString()));
                        }
                    }
                }
            }
            long t = System.nanoTime();
            if (audit != null) {
                audit.finish(changes.lineage(), vp.manifest());
                t = phases.add("verification of the changes (scope, duplicates)", t);
            }
            if (!o.dryRun()) c.commit();
            phases.add("commit", t);
        } catch (SQLException e) {
            throw BdfsyncException.output(target, "cannot apply: " + e.getMessage(), e);
        }
        String rejectPackage = null;
        if (!o.dryRun() && o.rejectPath() != null && !rejected.isEmpty()) {
            long t = System.nanoTime();
            writeReject(vp, changeSchemas, rejected, rejectedCounts, o);
            rejectPackage = o.rejectPath().toString();
            phases.add("reject package", t);
        }
        long applyMillis = (System.nanoTime() - t0) / 1_000_000;
        return new ApplyReport(vp.manifest().packageId(), o.dryRun(), o.dryRun() ? null : target.toString(), null, rejectPackage,
                applied, rejectedCounts, sample, copyMillis, applyMillis, phases.millis());
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
        NationalLayer.Current cur = nl.current(rowId);
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
            if (ch.op() == ChangeOp.DELETE) nl.delete(rowId);
            else nl.update(rowId, ch.changed(), ch.values(), ch.geometry());
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
        config.setCacheSize(-262144);
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
        if (!readOnly) {
            GpkgSqlFunctions.register(c);
            c.setAutoCommit(false);
        }
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA temp_store = MEMORY");
        }
        GpkgDataset.mapIntoMemory(c);
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
