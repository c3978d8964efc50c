package fr.bdfsync.core.match;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.feature.CrsRef;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.Dataset;
import fr.bdfsync.core.io.FeatureCursor;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import fr.bdfsync.core.io.gpkg.NativeFidRows;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.linearref.LengthIndexedLine;
import org.locationtech.jts.geom.LineString;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Attaches the features of a local layer to those of a national layer, in three streaming steps:
 * <ol>
 * <li>index the national layer (envelopes from blob headers, keys; {@link NationalIndex});</li>
 * <li>read the local layer: reuse stored links whose two fingerprints are unchanged, apply user decisions, and
 *     collect the national candidates of every other local feature within the search distance;</li>
 * <li>read the national layer again, parsing only candidates, score each pair with the rules of its geometry
 *     dimensions ({@link ScoringRules}) and the mapped attributes, then resolve links ({@link LinkResolver}).</li>
 * </ol>
 * Neither side is held parsed: memory is one envelope and fid per national feature, and per local feature its envelope,
 * mapped values, representative point and fingerprint (its geometry is read again by fid for each batch it is scored in).
 */
public final class Attacher {
    private final AttachOptions options;
    private final FeatureFingerprint fingerprint;

    private final boolean rereadLocals;

    public Attacher(AttachOptions options, FeatureFingerprint fingerprint) {
        this(options, fingerprint, true);
    }

    /** With {@code rereadLocals} false, every local geometry is held parsed for the whole run (the tests compare both ways). */
    Attacher(AttachOptions options, FeatureFingerprint fingerprint, boolean rereadLocals) {
        this.options = options;
        this.fingerprint = fingerprint;
        this.rereadLocals = rereadLocals;
    }

    /**
     * A local feature to match: its envelope, mapped values and representative point, and its geometry only when it
     * cannot be read again by fid ({@code held}: a local layer other than a GeoPackage, or a repaired polygon);
     * otherwise its geometry is read again, by fid, for each batch it is scored in ({@link #localRows}), so the local
     * layer is never held parsed. Local fids are unique, so the fid alone hashes it, and an item equals only itself:
     * the record's generated methods would hash its mapped values on every look-up of a batch's grouping.
     */
    private record LocalItem(long fid, Envelope envelope, double area, Object[] mapped, Coordinate point, Shape held) {
        @Override
        public boolean equals(Object o) {
            return o == this;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(fid);
        }
    }

    public AttachResult attach(Dataset local, String localLayer, Dataset national, String nationalLayer, PriorLinks prior) {
        Schema ls = local.schema(localLayer);
        Schema ns = national.schema(nationalLayer);
        if (!ls.hasGeometry()) throw BdfsyncException.schema(local.path(), localLayer, "has no geometry column");
        if (!ns.hasGeometry()) throw BdfsyncException.schema(national.path(), nationalLayer, "has no geometry column");
        checkSameCrs(local, ls, national, ns);
        int[][] mapping = resolveMapping(local, ls, national, ns);
        int nationalDim = ns.geometryType().dimension();
        double s = Double.isNaN(options.searchDistance()) ? ScoringRules.defaultSearchDistance(Math.max(0, nationalDim)) : options.searchDistance();
        if (!(s > 0)) throw BdfsyncException.usage("search distance must be positive, got " + s);

        AttachTimings.Clock clock = new AttachTimings.Clock();
        NationalIndex index = NationalIndex.build(national, nationalLayer, options.nationalKey(), prior.referencedNationalKeys(), fingerprint);
        clock.lap("national index");

        List<String> problems = new ArrayList<>();
        Map<Long, String> localFps = new LinkedHashMap<>();
        Map<Long, List<Link>> fixedLinks = new LinkedHashMap<>(); // reused or confirmed
        List<LocalItem> toMatch = new ArrayList<>();
        Envelope localExtent = new Envelope();
        // the next batch of rows is read (one thread, mostly in SQLite) while the previous one is parsed on every core
        java.util.concurrent.ExecutorService parser = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bdfsync-attach-parsing");
            t.setDaemon(true);
            return t;
        });
        boolean reread = rereadLocals && rereadable(local, localLayer);
        try (FeatureCursor c = reread ? readAll((GpkgDataset) local, localLayer) : local.read(localLayer)) {
            java.util.concurrent.Future<List<ParsedLocal>> parsing = null;
            while (true) {
                List<Feature> batch = new ArrayList<>(BATCH);
                while (batch.size() < BATCH && c.hasNext()) batch.add(c.next());
                List<ParsedLocal> parsed = parsing == null ? List.of() : await(parsing);
                parsing = batch.isEmpty() ? null : parser.submit(() -> parseLocal(batch, reread, prior));
                for (ParsedLocal p : parsed) {
                    problems.addAll(p.problems());
                    if (p.envelope() == null) continue;
                    Feature f = p.feature();
                    localExtent.expandToInclude(p.envelope());
                    localFps.put(f.fid(), p.fingerprint());
                    List<Link> kept = keptLinks(f.fid(), p.fingerprint(), prior, index);
                    if (kept != null) {
                        fixedLinks.put(f.fid(), kept);
                        continue;
                    }
                    Object[] mapped = new Object[mapping.length];
                    for (int i = 0; i < mapping.length; i++) mapped[i] = f.value(mapping[i][0]);
                    Coordinate point = p.point() != null ? p.point() : representativePoint(p.geometry());
                    toMatch.add(new LocalItem(f.fid(), p.envelope(), p.area(), mapped, point, p.held()));
                }
                if (parsing == null) break;
            }
        } finally {
            parser.shutdownNow();
        }
        clock.lap("local read");
        checkExtent(local, localLayer, ls.crs(), localExtent, index.extent, s);

        // candidates: national position -> local items; index queries on every core, grouped in local order as one
        // thread would
        List<int[]> hits = toMatch.parallelStream().map(li -> {
            Envelope e = new Envelope(li.envelope());
            e.expandBy(s);
            return index.query(e);
        }).toList();
        List<int[]> kept = new ArrayList<>(hits.size());
        for (int n = 0; n < toMatch.size(); n++) {
            Map<String, PriorLinks.Decision> decisions = prior.decisionsFor(toMatch.get(n).fid());
            int[] near = hits.get(n);
            // rejected pairs are never scored again
            if (!decisions.isEmpty()) near = java.util.Arrays.stream(near).filter(pos -> decisions.get(index.keys[pos]) != PriorLinks.Decision.REJECTED).toArray();
            kept.add(near);
        }
        NearLocals<LocalItem> byNational = NearLocals.of(index.size, toMatch, kept);
        clock.lap("candidate queries");
        Set<String> fixedKeys = new java.util.HashSet<>();
        for (List<Link> ll : fixedLinks.values()) for (Link l : ll) if (l.nationalKey() != null) fixedKeys.add(l.nationalKey());

        Map<Long, List<Candidate>> candidates = new HashMap<>();
        Map<String, Coordinate> nationalPoints = new HashMap<>();
        Map<String, String> nationalFps = new HashMap<>();
        Map<Long, Coordinate> localPoints = new HashMap<>();
        int localDim = ls.geometryType().dimension();
        List<ScoringRule> rules = ScoringRules.forDimensions(localDim, nationalDim);
        List<NationalItem> batch = new ArrayList<>();
        // reading the next batch of rows (one thread, mostly in SQLite) overlaps the scoring of the previous one
        java.util.concurrent.ExecutorService scorer = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bdfsync-attach-scoring");
            t.setDaemon(true);
            return t;
        });
        java.util.concurrent.Future<List<Scored>> pending = null;
        Map<Long, GeometryValue> lastRows = Map.of(); // the previous batch's local rows (see localRows)
        // a GeoPackage is read by the pure-Java reader (no JNI copy, no memory map of the national file counted in the
        // resident size), in chunks grouped by local feature (see readChunks); another format in one pass in fid order
        boolean grouped = national instanceof GpkgDataset;
        List<long[]> chunks = grouped ? readChunks(index, toMatch, hits, byNational, fixedKeys)
                : List.of(neededFids(index, byNational.positions(), fixedKeys));
        try {
            for (long[] chunk : chunks) {
                try (FeatureCursor c = grouped ? NativeFidRows.open((GpkgDataset) national, nationalLayer, chunk) : national.read(nationalLayer, chunk)) {
                    while (c.hasNext()) {
                        Feature f = c.next();
                        if (f.geometry() == null) continue;
                        int p = index.positionOfFid(f.fid());
                        if (p < 0) continue;
                        Object keyValue = f.value(index.keyIndex);
                        if (keyValue == null) throw BdfsyncException.schema(national.path(), nationalLayer, "feature fid " + f.fid() + " has a null key");
                        String key = keyValue.toString();
                        List<LocalItem> locals = byNational.get(p);
                        boolean fixed = fixedKeys.contains(key);
                        if (locals == null && !fixed) continue;
                        batch.add(new NationalItem(f, key, fixed, locals == null ? List.of() : locals));
                        if (batch.size() == BATCH) {
                            if (pending != null) merge(await(pending), candidates, nationalPoints, nationalFps);
                            List<NationalItem> full = batch;
                            Map<Long, GeometryValue> rows = localRows(full, local, localLayer, lastRows);
                            lastRows = rows;
                            pending = scorer.submit(() -> scoreBatch(full, rows, rules, mapping, s, national, nationalLayer, local, localLayer));
                            batch = new ArrayList<>();
                        }
                    }
                }
                if (grouped && !batch.isEmpty()) { // one batch per chunk: a local feature's candidates scored together
                    if (pending != null) merge(await(pending), candidates, nationalPoints, nationalFps);
                    List<NationalItem> full = batch;
                    Map<Long, GeometryValue> rows = localRows(full, local, localLayer, lastRows);
                    lastRows = rows;
                    pending = scorer.submit(() -> scoreBatch(full, rows, rules, mapping, s, national, nationalLayer, local, localLayer));
                    batch = new ArrayList<>();
                }
            }
            if (pending != null) merge(await(pending), candidates, nationalPoints, nationalFps);
        } finally {
            scorer.shutdownNow();
        }
        merge(scoreBatch(batch, localRows(batch, local, localLayer, lastRows), rules, mapping, s, national, nationalLayer, local, localLayer),
                candidates, nationalPoints, nationalFps);
        if (grouped) candidates = inFidOrder(candidates, toMatch);
        clock.lap("national read and scoring");

        List<Long> order = new ArrayList<>();
        for (LocalItem li : toMatch) order.add(li.fid());
        List<Link> earlier = new ArrayList<>();
        for (List<Link> ll : fixedLinks.values()) earlier.addAll(ll);
        List<Link> resolved = new LinkResolver(options.thresholds()).resolve(order, candidates, earlier);
        Map<Long, List<Link>> all = new java.util.TreeMap<>(fixedLinks);
        for (Link l : resolved) all.computeIfAbsent(l.localFid(), k -> new ArrayList<>()).add(l);
        for (LocalItem li : toMatch) localPoints.put(li.fid(), li.point());
        if (!fixedLinks.isEmpty()) addFixedLocalPoints(local, localLayer, fixedLinks.keySet(), localPoints);
        List<Link> links = new ArrayList<>();
        for (List<Link> ll : all.values()) links.addAll(ll);
        int reused = 0;
        for (List<Link> ll : fixedLinks.values()) if (!ll.isEmpty() && "reused".equals(ll.get(0).reason())) reused++;
        clock.lap("resolving");
        return new AttachResult(localLayer, nationalLayer, s, links, localFps, nationalFps, localPoints, nationalPoints,
                problems, reused, toMatch.size(), clock.timings());
    }

    /**
     * A local feature read: envelope null when it is skipped; {@code held} its shape when it cannot be read again;
     * {@code point} null when earlier links or decisions may keep it from being matched (then taken from
     * {@code geometry}, held only as long as its batch, if it is matched after all).
     */
    private record ParsedLocal(Feature feature, Geometry geometry, Envelope envelope, double area, Coordinate point, Shape held,
                               String fingerprint, List<String> problems) {
    }

    /**
     * Parses, checks (validity, repair) and fingerprints a batch of local features on every core, and takes their
     * envelope and representative point; results in input order, each with its own problem lines, so the output does
     * not depend on the number of cores. The parsed geometry is kept only where it cannot be read again by fid
     * ({@code reread} false, or a repaired polygon). The representative point is left to the reading thread for a
     * feature that a stored link or decision names (on a rerun most of them are reused and need none).
     */
    private List<ParsedLocal> parseLocal(List<Feature> batch, boolean reread, PriorLinks prior) {
        return batch.parallelStream().map(f -> {
            List<String> own = new ArrayList<>(0);
            LocalFeatures.Checked c = LocalFeatures.check(f, options.repairInvalid(), own);
            if (c == null) return new ParsedLocal(f, null, null, 0, null, null, null, own);
            Geometry g = c.geometry();
            Shape held = reread && !c.repaired() ? null : Shape.heldValid(g);
            boolean named = !prior.storedFor(f.fid()).isEmpty() || !prior.decisionsFor(f.fid()).isEmpty();
            return new ParsedLocal(f, g, g.getEnvelopeInternal(), g.getArea(), named ? null : representativePoint(g), held, fingerprint.of(f), own);
        }).toList();
    }

    /**
     * Whether local geometries can be read again by fid for each batch instead of being held parsed for the whole run:
     * a GeoPackage layer with a primary key (rows by {@link NativeFidRows}, one B-tree descent a fid).
     */
    private static boolean rereadable(Dataset local, String layer) {
        return local instanceof GpkgDataset && local.schema(layer).primaryKey() != null;
    }

    /**
     * Every row of a GeoPackage layer with a primary key, in fid order, by the pure-Java reader ({@link NativeFidRows}:
     * the same features as {@link GpkgDataset#read(String)}, without a JNI copy per value); the fids come from one
     * SQL query of the primary key.
     */
    private static FeatureCursor readAll(GpkgDataset local, String layer) {
        String pk = local.schema(layer).primaryKey();
        long[] fids = new long[1024];
        int n = 0;
        try (java.sql.Statement st = local.connection().createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT " + fr.bdfsync.core.io.gpkg.Sql.id(pk) + " FROM "
                     + fr.bdfsync.core.io.gpkg.Sql.id(layer) + " ORDER BY " + fr.bdfsync.core.io.gpkg.Sql.id(pk))) {
            while (rs.next()) {
                if (n == fids.length) fids = java.util.Arrays.copyOf(fids, n * 2);
                fids[n++] = rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw BdfsyncException.invalid(local.path(), layer, null, "cannot read rows: " + e.getMessage(), e);
        }
        return NativeFidRows.open(local, layer, java.util.Arrays.copyOf(fids, n));
    }

    /**
     * The stored geometries of the local features of a batch that are not held ({@link LocalItem#held}), by fid: taken
     * from the previous batch's rows ({@code previous}: with the spatial order of {@link #readChunks}, a local feature
     * scored in several batches is mostly scored in consecutive ones) or read again, in fid order, from the local
     * GeoPackage (on the reading thread, while the previous batch is scored), and parsed by the scoring workers as they
     * were when read first ({@link #pairShape}). The same bytes either way: the local file is read in one snapshot.
     */
    private static Map<Long, GeometryValue> localRows(List<NationalItem> batch, Dataset local, String layer, Map<Long, GeometryValue> previous) {
        Map<Long, GeometryValue> rows = new HashMap<>();
        long[] fids = new long[16];
        int n = 0;
        for (NationalItem it : batch) {
            for (LocalItem li : it.locals()) {
                if (li.held() != null || rows.containsKey(li.fid())) continue;
                GeometryValue kept = previous.get(li.fid());
                rows.put(li.fid(), kept); // null until read below
                if (kept != null) continue;
                if (n == fids.length) fids = java.util.Arrays.copyOf(fids, n * 2);
                fids[n++] = li.fid();
            }
        }
        if (n == 0) return rows;
        long[] sorted = java.util.Arrays.copyOf(fids, n);
        java.util.Arrays.sort(sorted);
        try (FeatureCursor c = NativeFidRows.open((GpkgDataset) local, layer, sorted)) {
            while (c.hasNext()) {
                Feature f = c.next();
                rows.put(f.fid(), f.geometry());
            }
        }
        return rows;
    }

    /**
     * A local feature's shape for one batch: its held shape, or its geometry parsed again from the bytes read for the
     * batch (the same bytes, parsed the same way as in the first read, which found it valid: the same shape).
     */
    private static Shape pairShape(LocalItem li, Map<Long, GeometryValue> rows, Dataset local, String layer) {
        if (li.held() != null) return li.held().forPair();
        GeometryValue gv = rows.get(li.fid());
        if (gv == null) throw BdfsyncException.invalid(local.path(), layer, "fid " + li.fid(), "geometry disappeared while the attach ran");
        try {
            return Shape.heldValid(PackedWkb.read(gv, LocalFeatures.PACKED), li.area(), li.envelope()).forPair();
        } catch (org.locationtech.jts.io.ParseException | RuntimeException e) {
            throw BdfsyncException.invalid(local.path(), layer, "fid " + li.fid(), "geometry changed while the attach ran: " + e.getMessage(), e);
        }
    }

    /**
     * The fids to read, in chunks of at most {@link #BATCH}, each ascending: the national candidates taken local
     * feature by local feature (in the order of {@link #spatialOrder}, each national feature at its first local feature), then the features
     * that only hold kept links. A chunk is scored as one batch, so a local feature's candidates usually fall in one
     * batch and its segments and bands are built once, where fid order spread them over as many batches as it has
     * candidates (national fids need not follow space); each chunk is read in fid order, by one B-tree descent a fid.
     */
    private static List<long[]> readChunks(NationalIndex index, List<LocalItem> toMatch, List<int[]> hits,
                                           NearLocals<LocalItem> byNational, Set<String> fixedKeys) {
        java.util.BitSet seen = new java.util.BitSet(index.size);
        long[] order = new long[index.size];
        int n = 0;
        for (int i : spatialOrder(toMatch)) {
            for (int p : hits.get(i)) {
                if (seen.get(p) || !byNational.has(p)) continue;
                seen.set(p);
                order[n++] = index.fids[p];
            }
        }
        long[] fixedOnly = java.util.Arrays.stream(neededFids(index, new java.util.BitSet(), fixedKeys)).filter(f -> !seen.get(index.positionOfFid(f))).toArray();
        List<long[]> chunks = new ArrayList<>();
        for (int from = 0; from < n; from += BATCH) {
            long[] chunk = java.util.Arrays.copyOfRange(order, from, Math.min(n, from + BATCH));
            java.util.Arrays.sort(chunk);
            chunks.add(chunk);
        }
        for (int from = 0; from < fixedOnly.length; from += BATCH) chunks.add(java.util.Arrays.copyOfRange(fixedOnly, from, Math.min(fixedOnly.length, from + BATCH)));
        return chunks;
    }

    /**
     * Positions of the local features along a Hilbert curve over their extent (by the centres of their envelopes, on a
     * 65,536 × 65,536 grid; ties in local order): the order in which {@link #readChunks} takes their candidates, so that
     * the local features near one another, which share candidates, are scored in the same or consecutive batches and
     * read again ({@link #localRows}) fewer times. Only the batching depends on it: the candidates are put back in
     * one canonical order ({@link #inFidOrder}) before they are resolved.
     */
    private static int[] spatialOrder(List<LocalItem> items) {
        Envelope all = new Envelope();
        for (LocalItem li : items) all.expandToInclude(li.envelope());
        int n = items.size();
        long[] keyed = new long[n];
        double w = all.getWidth() > 0 ? all.getWidth() : 1;
        double h = all.getHeight() > 0 ? all.getHeight() : 1;
        for (int i = 0; i < n; i++) {
            Envelope e = items.get(i).envelope();
            int x = (int) Math.min(65535, Math.max(0, ((e.getMinX() + e.getMaxX()) / 2 - all.getMinX()) / w * 65535));
            int y = (int) Math.min(65535, Math.max(0, ((e.getMinY() + e.getMaxY()) / 2 - all.getMinY()) / h * 65535));
            keyed[i] = Integer.toUnsignedLong(org.locationtech.jts.shape.fractal.HilbertCode.encode(16, x, y)) << 31 | i;
        }
        java.util.Arrays.sort(keyed);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = (int) (keyed[i] & 0x7FFFFFFFL);
        return order;
    }

    /**
     * The candidates as a single pass in national fid order would have left them, so that links do not depend on the
     * read order: each local feature's list in ascending national fid (a stable sort: a pair's scores keep their
     * order), and the map filled in the order such a pass would have met the local features (by their first national
     * fid, then in local order), which fixes the order in which the resolver iterates it.
     */
    private static Map<Long, List<Candidate>> inFidOrder(Map<Long, List<Candidate>> candidates, List<LocalItem> toMatch) {
        Map<Long, Integer> localOrder = new HashMap<>();
        for (int i = 0; i < toMatch.size(); i++) localOrder.put(toMatch.get(i).fid(), i);
        List<Map.Entry<Long, List<Candidate>>> entries = new ArrayList<>(candidates.entrySet());
        for (Map.Entry<Long, List<Candidate>> e : entries) e.getValue().sort(java.util.Comparator.comparingLong(Candidate::nationalFid));
        entries.sort(java.util.Comparator.<Map.Entry<Long, List<Candidate>>>comparingLong(e -> e.getValue().get(0).nationalFid())
                .thenComparingInt(e -> localOrder.get(e.getKey())));
        Map<Long, List<Candidate>> out = new HashMap<>();
        for (Map.Entry<Long, List<Candidate>> e : entries) out.put(e.getKey(), e.getValue());
        return out;
    }

    /** Fids of the national features that are candidates or hold kept links, ascending. */
    private static long[] neededFids(NationalIndex index, java.util.BitSet candidatePositions, Set<String> fixedKeys) {
        java.util.BitSet positions = (java.util.BitSet) candidatePositions.clone();
        for (String k : fixedKeys) {
            Integer p = index.positionOfKey.get(k);
            if (p != null) positions.set(p);
        }
        long[] fids = positions.stream().mapToLong(p -> index.fids[p]).toArray();
        java.util.Arrays.sort(fids);
        return fids;
    }

    /** The result of a batch parsed or scored on another thread; its failure rethrown as it was raised. */
    private static <T> T await(java.util.concurrent.Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parsing or scoring", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }

    /** National features scored together: parsing and scoring run on every core, results are merged in read order. */
    private static final int BATCH = 2048;

    private record NationalItem(Feature feature, String key, boolean fixed, List<LocalItem> locals) {
    }

    /** A scored national feature; its point and fingerprint only where a link may point (a kept link, or a candidate of the uncertain grade or above), else null. */
    private record Scored(NationalItem item, Geometry geometry, List<Candidate> candidates, Coordinate point, String fingerprint) {
    }

    /**
     * Scores a batch of national features against their local candidates on every core. The national geometries are
     * parsed first; the pairs are then scored grouped by local feature, so that a local feature's prepared segments are
     * built once for the batch rather than once per pair (local shapes do not keep them between batches, see
     * {@link Shape#held}). Results are returned in the batch's order, whatever the number of cores.
     */
    private List<Scored> scoreBatch(List<NationalItem> batch, Map<Long, GeometryValue> localRows, List<ScoringRule> rules, int[][] mapping,
                                    double s, Dataset national, String nationalLayer, Dataset local, String localLayer) {
        List<Shape> shapes = batch.parallelStream().map(it -> {
            Feature f = it.feature();
            Geometry ng;
            try {
                // packed coordinates, as for local features: one array per ring instead of one object per vertex
                ng = PackedWkb.read(f.geometry(), LocalFeatures.PACKED);
            } catch (org.locationtech.jts.io.ParseException | RuntimeException e) {
                throw BdfsyncException.invalid(national.path(), nationalLayer, "fid " + f.fid(), "geometry does not parse: " + e.getMessage(), e);
            }
            return Shape.of(ng);
        }).toList();
        Map<LocalItem, List<int[]>> pairsByLocal = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        List<Candidate>[][] found = new List[batch.size()][];
        for (int i = 0; i < batch.size(); i++) {
            List<LocalItem> locals = batch.get(i).locals();
            found[i] = new List[locals.size()];
            if (shapes.get(i).geometry().isEmpty()) continue;
            for (int j = 0; j < locals.size(); j++) pairsByLocal.computeIfAbsent(locals.get(j), k -> new ArrayList<>()).add(new int[]{i, j});
        }
        new ArrayList<>(pairsByLocal.entrySet()).parallelStream().forEach(e -> {
            LocalItem li = e.getKey();
            Shape localShape = pairShape(li, localRows, local, localLayer);
            for (int[] pair : e.getValue()) {
                NationalItem it = batch.get(pair[0]);
                Feature f = it.feature();
                List<Candidate> out = new ArrayList<>(2);
                for (PairScore best : bestScores(rules, localShape, shapes.get(pair[0]), s)) {
                    out.add(new Candidate(li.fid(), f.fid(), it.key(), withAttributes(best, li.mapped(), f, mapping)));
                }
                found[pair[0]][pair[1]] = out;
            }
        });
        return java.util.stream.IntStream.range(0, batch.size()).parallel().mapToObj(i -> {
            NationalItem it = batch.get(i);
            Geometry ng = shapes.get(i).geometry();
            List<Candidate> out = new ArrayList<>();
            if (ng.isEmpty()) return new Scored(it, ng, out, null, null);
            for (List<Candidate> pair : found[i]) out.addAll(pair);
            // a point and a fingerprint only where a link may point: the resolver never links a candidate below the
            // uncertain grade (LinkResolver.decide), so neighbours scored only below it need neither
            boolean kept = it.fixed();
            for (Candidate cand : out) kept |= cand.confidence() >= options.thresholds().uncertain();
            return new Scored(it, ng, out, kept ? representativePoint(ng) : null, kept ? fingerprint.of(it.feature()) : null);
        }).toList();
    }

    /** Adds a scored batch to the candidates, points and fingerprints, in the batch's order. */
    private static void merge(List<Scored> scored, Map<Long, List<Candidate>> candidates, Map<String, Coordinate> nationalPoints,
                              Map<String, String> nationalFps) {
        for (Scored sc : scored) {
            if (sc.geometry().isEmpty()) continue;
            for (Candidate cand : sc.candidates()) candidates.computeIfAbsent(cand.localFid(), k -> new ArrayList<>()).add(cand);
            if (sc.fingerprint() != null) { // set where a link may point (see scoreBatch)
                nationalPoints.put(sc.item().key(), sc.point());
                nationalFps.put(sc.item().key(), sc.fingerprint());
            }
        }
    }

    /**
     * Links kept without matching: confirmed links whose national feature still exists; else stored links when
     * the local fingerprint and every linked national fingerprint are unchanged. Null when the feature must be matched
     * (unmatched features are always matched again: a new national feature may have appeared near them).
     */
    private static List<Link> keptLinks(long fid, String fp, PriorLinks prior, NationalIndex index) {
        Map<String, PriorLinks.Decision> decisions = prior.decisionsFor(fid);
        List<PriorLinks.Stored> stored = prior.storedFor(fid);
        List<Link> confirmed = new ArrayList<>();
        for (Map.Entry<String, PriorLinks.Decision> d : decisions.entrySet()) {
            if (d.getValue() != PriorLinks.Decision.CONFIRMED || !index.hasKey(d.getKey())) continue;
            Link base = null;
            for (PriorLinks.Stored st : stored) if (d.getKey().equals(st.link().nationalKey())) base = st.link();
            int pos = index.positionOfKey.get(d.getKey());
            confirmed.add(new Link(fid, index.fids[pos], d.getKey(), base == null ? Cardinality.ONE_TO_ONE : base.cardinality(), 1.0,
                    "user.confirmed", LinkStatus.SURE, base == null ? "L" + fid : base.group(), "user-confirmed",
                    base == null ? Map.of() : base.measures()));
        }
        if (!confirmed.isEmpty()) return confirmed;
        if (stored.isEmpty()) return null;
        List<Link> out = new ArrayList<>();
        for (PriorLinks.Stored st : stored) {
            if (!fp.equals(st.localFingerprint())) return null;
            String key = st.link().nationalKey();
            if (key == null) return null; // unmatched: the national side may have gained a match since
            {
                if (!st.nationalFingerprint().equals(index.fingerprints.get(key))) return null;
                if (decisions.get(key) == PriorLinks.Decision.REJECTED) return null;
            }
            out.add(st.link().withReason("reused"));
        }
        return out;
    }

    /** The best score of each relation for a pair (a pair can be both SAME and a part: the resolver decides). */
    private static java.util.Collection<PairScore> bestScores(List<ScoringRule> rules, Shape local, Shape national, double s) {
        Map<Relation, PairScore> best = new java.util.EnumMap<>(Relation.class);
        for (ScoringRule r : rules) {
            PairScore p = r.score(local, national, s);
            if (p != null) best.merge(p.relation(), p, (a, b) -> b.confidence() > a.confidence() ? b : a);
        }
        return best.values();
    }

    /** Confidence × (0.7 + 0.3 × mean similarity of the mapped attributes present on both sides). */
    private static PairScore withAttributes(PairScore p, Object[] localValues, Feature national, int[][] mapping) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < mapping.length; i++) {
            double sim = AttributeSimilarity.of(localValues[i], national.value(mapping[i][1]));
            if (!Double.isNaN(sim)) {
                sum += sim;
                n++;
            }
        }
        if (n == 0) return p;
        double sim = sum / n;
        Map<String, Double> m = new HashMap<>(p.measures());
        m.put("attribute_similarity", sim);
        return new PairScore(p.rule(), p.relation(), p.confidence() * (0.7 + 0.3 * sim), p.coverage(), m);
    }

    private int[][] resolveMapping(Dataset local, Schema ls, Dataset national, Schema ns) {
        Map<String, String> m = options.mapping().localToNational();
        int[][] out = new int[m.size()][];
        int i = 0;
        for (Map.Entry<String, String> e : m.entrySet()) {
            int li = ls.indexOfIgnoreCase(e.getKey());
            if (li < 0) throw BdfsyncException.schema(local.path(), ls.layer(), "mapped attribute '" + e.getKey() + "' does not exist");
            int ni = ns.indexOfIgnoreCase(e.getValue());
            if (ni < 0) throw BdfsyncException.schema(national.path(), ns.layer(), "mapped attribute '" + e.getValue() + "' does not exist");
            out[i++] = new int[]{li, ni};
        }
        return out;
    }

    private static void checkSameCrs(Dataset local, Schema ls, Dataset national, Schema ns) {
        CrsRef a = ls.crs();
        CrsRef b = ns.crs();
        if (a == null || b == null || a.isUndefined() || b.isUndefined()) return;
        if (a.isEpsg() && b.isEpsg() && a.code() != b.code()) {
            throw BdfsyncException.crs(local.path(), ls.layer(), "CRS " + a.label() + " differs from the national layer's "
                    + b.label() + " (" + national.path() + "); reproject the local data first");
        }
    }

    /** Degrees declared as metres, or data nowhere near the national extent, are caught before matching. */
    private static void checkExtent(Dataset local, String layer, CrsRef crs, Envelope localExtent, Envelope nationalExtent, double s) {
        if (localExtent.isNull() || nationalExtent.isNull()) return;
        boolean looksDegrees = Math.abs(localExtent.getMinX()) <= 180 && Math.abs(localExtent.getMaxX()) <= 180
                && Math.abs(localExtent.getMinY()) <= 90 && Math.abs(localExtent.getMaxY()) <= 90;
        boolean nationalProjected = Math.abs(nationalExtent.getMaxX()) > 360 || Math.abs(nationalExtent.getMaxY()) > 360;
        if (looksDegrees && nationalProjected) {
            throw BdfsyncException.crs(local.path(), layer, "coordinates look like degrees (extent " + localExtent
                    + ") but the layer declares " + (crs == null ? "no CRS" : crs.label()) + " like the national data");
        }
        Envelope grown = new Envelope(nationalExtent);
        grown.expandBy(Math.max(1000, 10 * s));
        if (!grown.intersects(localExtent)) {
            throw BdfsyncException.invalid(local.path(), layer, null, "lies outside the national extent (local " + localExtent
                    + ", national " + nationalExtent + "): wrong CRS or wrong territory?");
        }
    }

    private void addFixedLocalPoints(Dataset local, String layer, Set<Long> fids, Map<Long, Coordinate> points) {
        try (FeatureCursor c = local.read(layer)) {
            while (c.hasNext()) {
                Feature f = c.next();
                if (fids.contains(f.fid())) points.put(f.fid(), representativePoint(f.geometry().geometry()));
            }
        }
    }

    /** Middle of a line, interior point of a polygon (JTS's, by {@link AreaInteriorPoint}), the point itself. */
    static Coordinate representativePoint(Geometry g) {
        if (g.getDimension() == 1) {
            LineString line = LineMeasures.asLine(g);
            if (line != null) return new LengthIndexedLine(line).extractPoint(line.getLength() / 2);
        }
        return AreaInteriorPoint.of(g).getCoordinate();
    }
}
