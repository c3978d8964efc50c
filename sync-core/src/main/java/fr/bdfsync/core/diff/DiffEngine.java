package fr.bdfsync.core.diff;

import fr.bdfsync.core.Phases;
import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.ExitCode;
import fr.bdfsync.core.feature.CrsRef;
import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.GeometryEquality;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.gpkg.GpkgDataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Callable;

/**
 * Keyed, streaming diff of GeoPackage layers. Per layer: one cheap scan of each side (in parallel, one thread
 * per file) keeps key → (fid, attribute hash, WKB hash) in a {@link KeyTable}; joining the tables by key
 * finds deletes, inserts and the rows whose hashes differ; only those rows are then read in full, decoded and
 * compared attribute by attribute and geometry by geometry with a tolerance ({@link GeometryEquality}).
 * Memory: the key tables (about 40 bytes + key per row) and the changed rows. Each layer, and each
 * partition of a layer, is independent: results of disjoint partitions concatenate.
 */
public final class DiffEngine implements AutoCloseable {
    /** Metres per degree at the equator: converts metre tolerances for geographic CRSs. */
    private static final double METRES_PER_DEGREE = 111_320.0;
    /** Chunks of candidate pairs compared in parallel. */
    private static final int CHUNKS = 8;

    /** What to do with rows whose key is null or empty. */
    public enum UnkeyedRows {
        /** Refuse them: a SCHEMA error listing their fids (the default: identity must be explicit). */
        REFUSE,
        /**
         * Identify them by their fid within the file, as key {@code fid:N}: a producer's new objects, which have
         * no national identifier yet, then come out as inserts (and rows without a key in both files with the same
         * fid compare as the same row, as fid-keyed tools do).
         */
        BY_FID
    }

    /** The key given to a row without one under {@link UnkeyedRows#BY_FID}. */
    public static String provisionalKey(long fid) {
        return "fid:" + fid;
    }

    /** True for a key made by {@link #provisionalKey}: the row had no identifier of its own. */
    public static boolean isProvisionalKey(String key) {
        return key != null && key.startsWith("fid:") && key.length() > 4 && key.substring(4).chars().allMatch(Character::isDigit);
    }

    private final DiffSettings settings;
    private final AttributeMapping mapping;
    private final ExecutorService pool;
    private final UnkeyedRows unkeyed;
    private final int threads;
    private volatile String lastScan;
    private volatile boolean nativeReader = true;
    /** Keys of a local dataset without a key column, from attach links (null: none). */
    private LinkedKeys links;
    private GpkgDataset linkedDataset;
    /** Phase times, when asked for ({@link #withTimings}); null: not measured. */
    private Phases timings;

    public DiffEngine(DiffSettings settings, AttributeMapping mapping, int threads) {
        this(settings, mapping, threads, UnkeyedRows.REFUSE);
    }

    public DiffEngine(DiffSettings settings, AttributeMapping mapping, int threads, UnkeyedRows unkeyed) {
        this.settings = settings;
        this.mapping = mapping;
        this.unkeyed = unkeyed;
        this.threads = Math.max(1, threads);
        this.pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "bdfsync-diff");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Keys the rows of {@code local}'s linked layers by their links instead of a key column ({@link LinkedKeys}); the
     * engine's mapping must alias each linked local layer to its national layer ({@link LinkedKeys#withLayerAliases}).
     */
    public DiffEngine withLinks(GpkgDataset local, LinkedKeys linkedKeys) {
        this.linkedDataset = local;
        this.links = linkedKeys;
        return this;
    }

    /** Measures the phases of the following diffs into {@code t} (the caller marks its own phases, e.g. the output, in it too). */
    public DiffEngine withTimings(Phases t) {
        this.timings = t;
        return this;
    }

    private void mark(String phase) {
        if (timings != null) timings.mark(phase);
    }

    private boolean linked(GpkgDataset ds, String layer) {
        return links != null && ds == linkedDataset && links.covers(layer);
    }

    /** A side's source: keyed by its links (like {@code keyed}, the national side) when linked, else by its key column. */
    private LayerSource source(GpkgDataset ds, String table, String layer, LayerDiffSettings ls, LayerSource keyed) {
        if (linked(ds, layer)) return LinkedKeys.source(ds, table, layer, mapping, keyed.keyColumn());
        return LayerSource.open(ds, table, layer, mapping, ls);
    }

    /** Target layer names present in any of the datasets (after layer aliases), sorted; or the requested ones. */
    public List<String> layers(List<String> requested, GpkgDataset... sides) {
        TreeSet<String> names = new TreeSet<>();
        for (GpkgDataset ds : sides) for (String t : ds.layerNames()) names.add(mapping.targetLayer(t));
        if (requested == null || requested.isEmpty()) return new ArrayList<>(names);
        List<String> out = new ArrayList<>();
        for (String r : requested) {
            String l = r.toLowerCase(Locale.ROOT);
            String mapped = mapping.targetLayer(l);
            if (!names.contains(mapped)) {
                throw new BdfsyncException(ExitCode.NOT_FOUND, "layer '" + r + "' is in none of the inputs (layers: " + String.join(", ", names) + ")");
            }
            if (!out.contains(mapped)) out.add(mapped);
        }
        out.sort(null);
        return out;
    }

    /** The change set A → B of one layer. */
    public LayerDiff twoWay(GpkgDataset a, GpkgDataset b, String layer) {
        return twoWay(a, b, layer, null, null);
    }

    /**
     * The change set A → B of one layer, read under {@code held} (a snapshot the caller holds over both datasets and
     * ends itself; null: one for this layer), {@code observerA} (may be null) seeing every row of A when the pure-Java
     * scan reads them ({@link RowObserver#completed} says it did).
     */
    public LayerDiff twoWay(GpkgDataset a, GpkgDataset b, String layer, ReadSnapshot held, RowObserver observerA) {
        LayerDiffSettings ls = settings.forLayer(layer);
        String ta = LayerSource.findTable(a, layer, mapping), tb = LayerSource.findTable(b, layer, mapping);
        if (ta == null || tb == null) return layerPresence(a, b, ta, tb, layer, ls);
        LayerSource sa = LayerSource.open(a, ta, layer, mapping, ls);
        LayerSource sb = source(b, tb, layer, ls, sa);
        checkComparable(sa, sb);
        ReadSnapshot snapshot = held != null ? held : ReadSnapshot.hold(List.of(a, b));
        try {
            Scan scan = scanAndJoin(layer, List.of(sa, sb), compared(List.of(sa, sb)), snapshot, observerA);
            LayerDiff d = materialise(layer, sa, sb, scan.nativeSide(0), scan.nativeSide(1), scan.candidates().get(0), ls, schemaChanges(sa, sb), null);
            return linked(b, layer) ? links.filter(d) : d;
        } finally {
            if (held == null) snapshot.close();
        }
    }

    /** The three-way classification of one layer (ancestor, national, local). */
    public ThreeWayLayer threeWay(GpkgDataset ancestor, GpkgDataset national, GpkgDataset local, String layer) {
        LayerDiffSettings ls = settings.forLayer(layer);
        String t0 = LayerSource.findTable(ancestor, layer, mapping);
        String tn = LayerSource.findTable(national, layer, mapping), tl = LayerSource.findTable(local, layer, mapping);
        if (t0 == null || tn == null || tl == null) {
            LayerDiff n = t0 == null || tn == null ? layerPresence(ancestor, national, t0, tn, layer, ls) : null;
            LayerDiff l = t0 == null || tl == null ? layerPresence(ancestor, local, t0, tl, layer, ls) : null;
            if (n == null) n = twoWay(ancestor, national, layer);
            if (l == null) l = twoWay(ancestor, local, layer);
            return ThreeWayClassifier.classify(layer, n, l, equalityFor(ls, null));
        }
        LayerSource s0 = LayerSource.open(ancestor, t0, layer, mapping, ls);
        LayerSource sn = LayerSource.open(national, tn, layer, mapping, ls);
        LayerSource sl = source(local, tl, layer, ls, s0);
        checkComparable(s0, sn);
        checkComparable(s0, sl);
        LayerDiff n, l;
        try (ReadSnapshot snapshot = ReadSnapshot.hold(List.of(ancestor, national, local))) {
            Scan scan = scanAndJoin(layer, List.of(s0, sn, sl), compared(List.of(s0, sn, sl)), snapshot, null);
            n = materialise(layer, s0, sn, scan.nativeSide(0), scan.nativeSide(1), scan.candidates().get(0), ls, schemaChanges(s0, sn), null);
            // an edit made on both sides is compared once: the local comparison takes the national one's geometry verdict
            Map<String, FeatureChange> nationalUpdates = new HashMap<>(n.changes().size() * 2);
            for (FeatureChange c : n.changes()) if (c.operation() == Operation.UPDATE) nationalUpdates.put(c.key(), c);
            l = materialise(layer, s0, sl, scan.nativeSide(0), scan.nativeSide(2), scan.candidates().get(1), ls, schemaChanges(s0, sl), nationalUpdates);
        }
        ThreeWayLayer t = ThreeWayClassifier.classify(layer, n, l, equalityFor(ls, sn.schema().crs()));
        mark("classify");
        return linked(local, layer) ? links.filter(t) : t;
    }

    private LayerDiff layerPresence(GpkgDataset a, GpkgDataset b, String ta, String tb, String layer, LayerDiffSettings ls) {
        if (ta == null && tb == null) {
            throw new BdfsyncException(ExitCode.NOT_FOUND, "layer '" + layer + "' is in neither " + a.path() + " nor " + b.path());
        }
        SchemaChange sc = ta == null
                ? new SchemaChange(SchemaChange.Kind.LAYER_ADDED, null, null, b.count(tb) + " features")
                : new SchemaChange(SchemaChange.Kind.LAYER_REMOVED, null, a.count(ta) + " features", null);
        return new LayerDiff(layer, ls.keyColumn(), ls.xyTolerance(), null, List.of(sc), List.of(), 0, 0);
    }

    private static void checkComparable(LayerSource a, LayerSource b) {
        if (!a.keyColumn().equals(b.keyColumn())) {
            throw BdfsyncException.schema(b.dataset().path(), b.layer(), "key column '" + b.keyColumn() + "' differs from '"
                    + a.keyColumn() + "' in " + a.dataset().path() + "; name one with --key");
        }
        Schema sa = a.schema(), sb = b.schema();
        if (sa.hasGeometry() && sb.hasGeometry() && !sameCrs(sa.crs(), sb.crs())) {
            throw BdfsyncException.crs(b.dataset().path(), b.layer(), "CRS " + sb.crs().label() + " differs from " + sa.crs().label()
                    + " in " + a.dataset().path() + ": reproject one side first");
        }
    }

    private static boolean sameCrs(CrsRef a, CrsRef b) {
        if (a.isEpsg() && b.isEpsg()) return a.code() == b.code();
        return a.srsId() == b.srsId();
    }

    static List<SchemaChange> schemaChanges(LayerSource a, LayerSource b) {
        List<SchemaChange> out = new ArrayList<>();
        for (Map.Entry<String, Field> e : a.columns().entrySet()) {
            Field fb = b.columns().get(e.getKey());
            if (fb == null) out.add(new SchemaChange(SchemaChange.Kind.COLUMN_REMOVED, e.getKey(), e.getValue().type().name(), null));
            else if (fb.type() != e.getValue().type()) {
                out.add(new SchemaChange(SchemaChange.Kind.COLUMN_RETYPED, e.getKey(), e.getValue().type().name(), fb.type().name()));
            }
        }
        for (Map.Entry<String, Field> e : b.columns().entrySet()) {
            if (!a.columns().containsKey(e.getKey())) out.add(new SchemaChange(SchemaChange.Kind.COLUMN_ADDED, e.getKey(), null, e.getValue().type().name()));
        }
        Schema sa = a.schema(), sb = b.schema();
        String ga = sa.hasGeometry() ? geomLabel(sa) : "none", gb = sb.hasGeometry() ? geomLabel(sb) : "none";
        if (!ga.equals(gb)) out.add(new SchemaChange(SchemaChange.Kind.GEOMETRY_TYPE_CHANGED, null, ga, gb));
        out.sort((x, y) -> (x.kind() + "/" + x.column()).compareTo(y.kind() + "/" + y.column()));
        return out;
    }

    private static String geomLabel(Schema s) {
        return s.geometryType().name() + (s.hasZ() ? " Z" : "") + (s.hasM() ? " M" : "");
    }

    /** Columns compared on every side, and those whose types differ (compared as text). */
    private record Compared(List<String> columns, Set<String> asText) {
    }

    private static Compared compared(List<LayerSource> sides) {
        List<String> cols = new ArrayList<>();
        Set<String> asText = new HashSet<>();
        LayerSource first = sides.get(0);
        for (String c : first.columns().keySet()) {
            if (c.equals(first.keyColumn())) continue;
            boolean everywhere = true;
            for (LayerSource s : sides) {
                Field f = s.columns().get(c);
                if (f == null) everywhere = false;
                else if (f.type() != first.columns().get(c).type()) asText.add(c);
            }
            if (everywhere) cols.add(c);
        }
        cols.sort(null);
        return new Compared(cols, asText);
    }

    private List<KeyTable> scanAll(String layer, List<LayerSource> sides, Compared cmp) {
        List<Callable<KeyTable>> tasks = new ArrayList<>();
        for (LayerSource s : sides) tasks.add(() -> LayerScanner.scan(s, cmp.columns(), cmp.asText(), unkeyedKeys(layer, s)));
        return runAll(tasks);
    }

    /** What names a row without a key on this side: its links, its fid ({@link UnkeyedRows#BY_FID}), or nothing (refused). */
    private java.util.function.LongFunction<String> unkeyedKeys(String layer, LayerSource s) {
        if (linked(s.dataset(), layer)) return fid -> links.keyFor(layer, fid);
        return unkeyed == UnkeyedRows.BY_FID ? DiffEngine::provisionalKey : null;
    }

    private <T> List<T> runAll(List<Callable<T>> tasks) {
        return Parallel.runAll(pool, tasks);
    }

    /**
     * Scans every side and joins the first side's rows with each other's by key. The pure-Java reader is used when
     * every side supports it and all tables have the same layout ({@link PairedScan}); otherwise, or when that scan
     * gives up ({@link ScanFallback}), the SQL scan of {@link LayerScanner} with {@link KeyTable}s, whose tables are
     * dropped when this returns: only the candidates are kept while rows are fetched and compared.
     */
    /** The candidates of each pair (first side, side i), and the sides prepared for the pure-Java reader (null when scanned by SQL). */
    private record Scan(List<Candidates> candidates, List<NativeSide> natives) {
        NativeSide nativeSide(int i) {
            return natives == null ? null : natives.get(i);
        }
    }

    private Scan scanAndJoin(String layer, List<LayerSource> sides, Compared cmp, ReadSnapshot snapshot, RowObserver observerA) {
        String why = !nativeReader ? "pure-Java reader disabled"
                : sides.stream().anyMatch(s -> linked(s.dataset(), layer)) ? "keys from attach links" : null;
        List<NativeSide> natives = new ArrayList<>();
        for (LayerSource s : why != null ? List.<LayerSource>of() : sides) {
            NativeSide.Opening o = NativeSide.open(s, snapshot);
            if (o.side() == null) {
                why = s.dataset().path().getFileName() + ": " + o.unsupported();
                break;
            }
            if (!natives.isEmpty() && !natives.get(0).layout().equals(o.side().layout())) {
                why = "table layouts differ";
                break;
            }
            natives.add(o.side());
        }
        if (why == null) {
            try {
                mark("open");
                List<Candidates> out = PairedScan.join(natives.get(0), natives.subList(1, natives.size()), unkeyed == UnkeyedRows.BY_FID, pool, threads, observerA, timings);
                if (observerA != null) observerA.completed();
                lastScan = "native";
                return new Scan(out, natives);
            } catch (ScanFallback e) {
                why = e.getMessage();
            }
        }
        lastScan = "sql: " + why;
        mark("open");
        List<KeyTable> tables = scanAll(layer, sides, cmp);
        mark("scan");
        List<Candidates> out = new ArrayList<>();
        for (int i = 1; i < tables.size(); i++) out.add(join(tables.get(0), tables.get(i)));
        mark("join");
        return new Scan(out, null);
    }

    /** Turns the pure-Java reader off (tests compare both paths). */
    DiffEngine nativeReader(boolean on) {
        nativeReader = on;
        return this;
    }

    /** How the last layer was scanned: "native", or "sql: " and why the pure-Java reader was not used (for tests). */
    String lastScan() {
        return lastScan;
    }

    private static Candidates join(KeyTable ta, KeyTable tb) {
        long[] deleted = new long[16];
        long[] pairA = new long[16], pairB = new long[16];
        int nd = 0, np = 0;
        long unchanged = 0;
        for (int i = 0; i < ta.size(); i++) {
            int j = tb.findKeyOf(ta, i);
            if (j < 0) {
                if (nd == deleted.length) deleted = Arrays.copyOf(deleted, nd * 2);
                deleted[nd++] = ta.fid(i);
                continue;
            }
            tb.mark(j);
            if (ta.attrHash(i) == tb.attrHash(j) && ta.geomHash(i) == tb.geomHash(j)) {
                unchanged++;
                continue;
            }
            if (np == pairA.length) {
                pairA = Arrays.copyOf(pairA, np * 2);
                pairB = Arrays.copyOf(pairB, np * 2);
            }
            pairA[np] = ta.fid(i);
            pairB[np++] = tb.fid(j);
        }
        long[] inserted = new long[16];
        int ni = 0;
        for (int j = 0; j < tb.size(); j++) {
            if (tb.marked(j)) continue;
            if (ni == inserted.length) inserted = Arrays.copyOf(inserted, ni * 2);
            inserted[ni++] = tb.fid(j);
        }
        tb.clearMarks();
        return new Candidates(deleted, nd, inserted, ni, pairA, pairB, np, unchanged);
    }

    private LayerDiff materialise(String layer, LayerSource sa, LayerSource sb, NativeSide na, NativeSide nb, Candidates cand,
                                  LayerDiffSettings ls, List<SchemaChange> schema, Map<String, FeatureChange> known) {
        long[] deleted = cand.deleted(), inserted = cand.inserted(), pairA = cand.pairA(), pairB = cand.pairB();
        int nd = cand.nd(), ni = cand.ni(), np = cand.np();
        long unchanged = cand.unchanged();
        // the rows the scan did not keep the records of are read by fid
        boolean linkedB = linked(sb.dataset(), layer);
        boolean kept = !linkedB && na != null && nb != null;
        // per side: the deleted (inserted) rows, then the pairs' rows not kept, in pair order; slot[k] is pair k's place
        int[] slotA = new int[np], slotB = new int[np];
        long[] fidsA = toFetch(deleted, nd, pairA, np, kept ? cand : null, false, slotA);
        long[] fidsB = toFetch(inserted, ni, pairB, np, kept ? cand : null, true, slotB);
        List<Row[]> rows = runAll(List.of(() -> fetch(sa, na, fidsA), () -> fetch(sb, nb, fidsB)));
        mark("fetch");
        Row[] rowsA = rows.get(0);
        Row[] rowsB = linkedB ? links.withKeys(layer, sa.keyColumn(), rows.get(1)) : rows.get(1);
        GeometryEquality base = equalityFor(ls, sb.schema().hasGeometry() ? sb.schema().crs() : null);
        Changes.Tolerance tol = tolerance(base, ls);
        List<FeatureChange> changes = new ArrayList<>(nd + ni + np);
        long absorbed = 0;
        String key = sa.keyColumn();
        for (int k = 0; k < nd; k++) {
            Row r = rowsA[k];
            changes.add(Changes.compare(keyOf(r, key), r, null, tol).change());
        }
        for (int k = 0; k < ni; k++) {
            Row r = rowsB[k];
            changes.add(Changes.compare(keyOf(r, key), null, r, tol).change());
        }
        // the candidate pairs are compared in parallel chunks (parsing and normalising geometries is the cost)
        final long[] pa = pairA, pb = pairB;
        int chunks = np < 1000 ? 1 : CHUNKS;
        List<Callable<List<Changes.Outcome>>> tasks = new ArrayList<>();
        for (int c = 0; c < chunks; c++) {
            int from = (int) ((long) np * c / chunks), to = (int) ((long) np * (c + 1) / chunks);
            tasks.add(() -> {
                List<Changes.Outcome> part = new ArrayList<>(to - from);
                RecordRows readA = kept ? new RecordRows(na) : null, readB = kept ? new RecordRows(nb) : null;
                for (int k = from; k < to; k++) {
                    Row ra = row(cand, k, false, readA, rowsA, slotA[k], pa[k]), rb = row(cand, k, true, readB, rowsB, slotB[k], pb[k]);
                    part.add(Changes.compare(keyOf(ra, key), ra, rb, tol, known));
                }
                return part;
            });
        }
        for (List<Changes.Outcome> part : runAll(tasks)) {
            for (Changes.Outcome o : part) {
                if (o.absorbed()) absorbed++;
                if (o.change() != null) changes.add(o.change());
                else unchanged++;
            }
        }
        changes.sort((x, y) -> KeyOrder.compare(x.key(), y.key()));
        mark("compare");
        return new LayerDiff(layer, key, base.xyTolerance(), sb.schema().hasGeometry() ? sb.schema().crs() : null, schema, changes, unchanged, absorbed);
    }

    /**
     * The fids to read on one side: the rows without a partner ({@code lone}), then the pairs' rows whose record the scan
     * did not keep ({@code cand} null: none kept), in pair order. {@code slot[k]} is set to the place of pair k's row in
     * the result, -1 when its record was kept.
     */
    private static long[] toFetch(long[] lone, int nLone, long[] pairs, int np, Candidates cand, boolean sideB, int[] slot) {
        LongList out = new LongList();
        for (int k = 0; k < nLone; k++) out.add(lone[k]);
        for (int k = 0; k < np; k++) {
            if (cand != null && cand.record(k, sideB) != null) {
                slot[k] = -1;
            } else {
                slot[k] = out.size();
                out.add(pairs[k]);
            }
        }
        return Arrays.copyOf(out.array(), out.size());
    }

    /**
     * Pair {@code k}'s row on one side: from the record the scan kept, else as read by fid (at {@code slot} of
     * {@code rows}). The candidates let go of the record (each pair is taken once, by one thread): a pair found
     * unchanged after decoding (equal values, a geometry within the tolerance) is then garbage at once, not held until
     * the layer is done.
     */
    private static Row row(Candidates cand, int k, boolean sideB, RecordRows read, Row[] rows, int slot, long fid) {
        if (slot >= 0) return rows[slot];
        byte[] record = cand.record(k, sideB);
        cand.release(k, sideB);
        Row r = read.row(record, fid);
        if (r == null) throw new IllegalStateException("a record kept by the scan no longer parses: fid " + fid);
        return r;
    }

    /** The rows of {@code fids}, in that order, read with the pure-Java reader when the side was scanned with it (by SQL if it gives up). */
    private static Row[] fetch(LayerSource src, NativeSide side, long[] fids) {
        if (side != null) {
            try {
                return RowFetcher.fetch(side, fids);
            } catch (ScanFallback e) {
                // a record the reader does not decode: SQL below
            }
        }
        return RowFetcher.fetch(src, fids);
    }

    private static String keyOf(Row r, String keyColumn) {
        Object k = r.get(keyColumn);
        if (k == null || "".equals(k)) return provisionalKey(r.fid()); // only reached under UnkeyedRows.BY_FID
        return k instanceof Double && ((Double) k) == Math.rint((Double) k) ? Long.toString(((Double) k).longValue()) : String.valueOf(k);
    }

    /** The layer's equality, the planimetric tolerance converted to degrees for geographic CRSs. */
    static GeometryEquality equalityFor(LayerDiffSettings ls, CrsRef crs) {
        double xy = ls.xyTolerance();
        if (crs != null && isGeographic(crs)) xy = xy / METRES_PER_DEGREE;
        return new GeometryEquality(xy, ls.zTolerance());
    }

    static boolean isGeographic(CrsRef crs) {
        if (crs.isEpsg() && crs.code() == 4326) return true;
        String d = crs.definition();
        return d != null && (d.startsWith("GEOGCS") || d.startsWith("GEOGCRS") || d.startsWith("GEODCRS"));
    }

    private static Changes.Tolerance tolerance(GeometryEquality base, LayerDiffSettings ls) {
        if (!ls.followPrecision()) return (b, a) -> base;
        return (b, a) -> {
            double p = Math.max(precision(b), precision(a));
            return p > base.xyTolerance() ? base.withXyTolerance(p) : base;
        };
    }

    private static double precision(Row r) {
        Object v = r == null ? null : r.get("precision_planimetrique");
        return v instanceof Number ? ((Number) v).doubleValue() : 0;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
