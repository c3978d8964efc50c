package fr.bdfsync.core.merge;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.conflict.detect.NetworkNeighbours;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import fr.bdfsync.core.io.gpkg.Sql;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.strtree.STRtree;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * On the delta path, the unchanged neighbours the post-merge detectors need: local objects whose envelope
 * meets a touched object's (widened by a distance), found by one scan of the layer's R-tree index when it has one
 * (else of its geometry headers, {@code substr(geom, 1, 40)}), then fetched by fid. Unchanged on both sides,
 * they are the same in all three versions and are added to each.
 */
final class ContextFetch {
    private ContextFetch() {
    }

    /** Adds the neighbours of {@code around} to the three restricted layers. */
    static DeltaReader.Restricted widen(SyncJob job, GpkgDataset local, DeltaReader.Restricted r, Collection<Envelope> around, double distance) {
        return widen(job, local, r, around, distance, null);
    }

    /**
     * As above; with {@code network}, only the tronçons among those neighbours that the network detector can need
     * are kept ({@link NetworkNeighbours}), plus those naming a cours d'eau (the reference check reads every
     * tronçon at hand), read by batches so the others are never all held at once.
     */
    static DeltaReader.Restricted widen(SyncJob job, GpkgDataset local, DeltaReader.Restricted r, Collection<Envelope> around, double distance,
                                        NetworkNeighbours network) {
        if (around.isEmpty()) return r;
        Schema ls = r.local().schema();
        if (!ls.hasGeometry()) return r;
        NeighbourCandidates c = NeighbourCandidates.scan(local, ls, around, distance, loadedFids(r));
        RowFetch rows = new RowFetch(local, ls.layer());
        return add(job, r, network == null ? rows.byFid(boxed(c.fids(), 0, c.size())) : networkNeeds(rows, ls, c, network));
    }

    /**
     * The fids of the local rows the restricted layer holds, as a test: a sorted array searched by halves (the R-tree
     * scan asks about each of its entries, 1,000,000 a layer at 1M: a set of boxed fids cost a box and a hash lookup each).
     */
    static java.util.function.LongPredicate loadedFids(DeltaReader.Restricted r) {
        long[] fids = new long[r.local().byKey().size() + r.local().keyless().size()];
        int n = 0;
        for (Feature f : r.local().byKey().values()) fids[n++] = f.fid();
        for (Feature f : r.local().keyless()) fids[n++] = f.fid();
        return sortedFids(fids);
    }

    /** Whether a fid is one of {@code fids} (sorted here, in place). */
    static java.util.function.LongPredicate sortedFids(long[] fids) {
        java.util.Arrays.sort(fids);
        return fid -> java.util.Arrays.binarySearch(fids, fid) >= 0;
    }

    static List<Long> boxed(long[] fids, int from, int to) {
        List<Long> out = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) out.add(fids[i]);
        return out;
    }

    private static final int FILTER_BATCH = 5000;

    /** The candidates {@code network} needs (two passes: (a) and (b) for the seeds, then (b) for the ends (a) added). */
    private static List<Feature> networkNeeds(RowFetch rows, Schema ls, NeighbourCandidates c, NetworkNeighbours network) {
        int links = ls.indexOfIgnoreCase(SpatialChecks.RIVER_LINKS);
        // the candidates are read for their geometry (and the link to a cours d'eau) only; the few kept are read in full
        // at the end, in the order they were kept
        boolean[] judged = new boolean[ls.fields().size()];
        if (links >= 0) judged[links] = true;
        List<Feature> kept = new ArrayList<>();
        // indexes of the candidates refused so far, and of those to read, in scan order
        int[] refused = new int[c.size()];
        int nRefused = 0;
        int[] read = new int[c.size()];
        int nRead = 0;
        for (int i = 0; i < c.size(); i++) {
            // a tronçon naming a cours d'eau is read whatever its bounds (the reference check reads every one at hand)
            if (links >= 0 || !c.hasBounds(i) || network.mayNeed(c.bounds(i))) read[nRead++] = i;
            else refused[nRefused++] = i;
        }
        Map<Long, Integer> index = new HashMap<>();
        for (int from = 0; from < nRead; from += FILTER_BATCH) {
            int to = Math.min(nRead, from + FILTER_BATCH);
            List<Long> batch = new ArrayList<>(to - from);
            index.clear();
            for (int j = from; j < to; j++) {
                batch.add(c.fid(read[j]));
                index.put(c.fid(read[j]), read[j]);
            }
            List<Feature> fetched = rows.byFid(batch, judged);
            // judged on all cores (reads only; the seeds' runs kept for the batch), then recorded and kept in the rows'
            // order, as one pass would
            NetworkNeighbours.Judge judge = network.judge();
            List<List<Coordinate>> verdicts = IntStream.range(0, fetched.size()).parallel()
                    .mapToObj(j -> judge.neededEnds(fetched.get(j).geometry())).toList(); // nulls allowed
            for (int j = 0; j < fetched.size(); j++) {
                Feature f = fetched.get(j);
                List<Coordinate> ends = verdicts.get(j);
                if (ends != null) network.record(ends);
                Object link = links < 0 ? null : f.value(links);
                if (ends != null || (link != null && !link.toString().isBlank())) kept.add(f);
                else refused[nRefused++] = index.get(f.fid());
            }
        }
        List<Envelope> ends = network.addedEndBounds();
        if (ends.isEmpty() || nRefused == 0) return inFull(rows, kept);
        STRtree near = new STRtree();
        for (Envelope e : ends) near.insert(e, e);
        List<Long> again = new ArrayList<>();
        for (int j = 0; j < nRefused; j++) {
            int i = refused[j];
            if (!c.hasBounds(i) || !near.query(c.bounds(i)).isEmpty()) again.add(c.fid(i));
        }
        for (int from = 0; from < again.size(); from += FILTER_BATCH) {
            List<Feature> fetched = rows.byFid(again.subList(from, Math.min(again.size(), from + FILTER_BATCH)), judged);
            boolean[] near2 = new boolean[fetched.size()];
            IntStream.range(0, fetched.size()).parallel().forEach(j -> near2[j] = network.nearAddedEnds(fetched.get(j).geometry()));
            for (int j = 0; j < fetched.size(); j++) if (near2[j]) kept.add(fetched.get(j));
        }
        return inFull(rows, kept);
    }

    /** The rows of {@code judged} (read in part) read again in full, in the same order. */
    private static List<Feature> inFull(RowFetch rows, List<Feature> judged) {
        List<Long> fids = new ArrayList<>(judged.size());
        for (Feature f : judged) fids.add(f.fid());
        Map<Long, Feature> full = new HashMap<>();
        for (Feature f : rows.byFid(fids)) full.put(f.fid(), f);
        List<Feature> out = new ArrayList<>(judged.size());
        for (Feature f : judged) out.add(full.get(f.fid()));
        return out;
    }

    /** Adds unchanged local objects to the three restricted layers (converted to each schema by national names). */
    static DeltaReader.Restricted add(SyncJob job, DeltaReader.Restricted r, List<Feature> features) {
        if (features.isEmpty()) return r;
        Map<String, Feature> anc = new LinkedHashMap<>(r.ancestor().byKey());
        Map<String, Feature> nat = new LinkedHashMap<>(r.national().byKey());
        Map<String, Feature> loc = new LinkedHashMap<>(r.local().byKey());
        Schema ls = r.local().schema();
        String layer = ls.layer();
        for (Feature f : features) {
            Object k = f.value(r.local().keyIndex());
            if (k == null || k.toString().isBlank()) continue;
            String key = k.toString().trim();
            if (loc.containsKey(key)) continue;
            loc.put(key, f);
            anc.putIfAbsent(key, convert(job, layer, f, ls, r.ancestor().schema()));
            nat.putIfAbsent(key, convert(job, layer, f, ls, r.national().schema()));
        }
        return new DeltaReader.Restricted(new KeyedLayer(r.ancestor().source(), r.ancestor().schema(), r.ancestor().keyIndex(), anc, List.of()),
                new KeyedLayer(r.national().source(), r.national().schema(), r.national().keyIndex(), nat, List.of()),
                new KeyedLayer(r.local().source(), ls, r.local().keyIndex(), loc, r.local().keyless()), r.unchanged(), r.geometry());
    }

    private static Feature convert(SyncJob job, String layer, Feature f, Schema from, Schema to) {
        Object[] v = new Object[to.fields().size()];
        for (int i = 0; i < from.fields().size(); i++) {
            int j = to.indexOfIgnoreCase(job.nationalName(layer, from.fields().get(i).name()));
            if (j >= 0) v[j] = f.value(i);
        }
        return new Feature(f.fid(), v, f.geometry());
    }

    /**
     * The envelopes of {@code seeds} ({@link #seeds}, in their order): the objects of the three restricted layers that
     * a spatial detector must look around: with {@code attributeChanges}, every object; otherwise only those created, deleted or moved on some side
     * (stored geometry bytes that differ: no parsing), since an attribute-only change cannot make two shapes
     * meet or part.
     */
    static List<Envelope> envelopes(List<GeometryValue> seeds) {
        List<Envelope> out = new ArrayList<>(seeds.size());
        for (GeometryValue g : seeds) out.add(g.envelope());
        return out;
    }

    /** The geometries (every version) whose envelopes {@link #envelopes} gives. */
    static List<GeometryValue> seeds(DeltaReader.Restricted r, boolean attributeChanges) {
        List<GeometryValue> out = new ArrayList<>();
        // the keys whose shape is the same in the three versions, judged once each (during the ancestor's pass: a key
        // without an ancestor version is never one of them), then looked up for the other two versions
        Set<String> unmoved = attributeChanges ? Set.of() : new HashSet<>();
        boolean first = true;
        for (KeyedLayer k : List.of(r.ancestor(), r.national(), r.local())) {
            for (Map.Entry<String, Feature> e : k.byKey().entrySet()) {
                Feature f = e.getValue();
                if (f.geometry() == null) continue;
                boolean same = !attributeChanges && (first ? sameShapeEverywhere(r, e.getKey()) && unmoved.add(e.getKey()) : unmoved.contains(e.getKey()));
                if (!same) out.add(f.geometry());
            }
            for (Feature f : k.keyless()) if (f.geometry() != null) out.add(f.geometry());
            first = false;
        }
        return out;
    }

    private static boolean sameShapeEverywhere(DeltaReader.Restricted r, String key) {
        Feature a = r.ancestor().get(key), n = r.national().get(key), l = r.local().get(key);
        if (a == null || n == null || l == null || a.geometry() == null || n.geometry() == null || l.geometry() == null) return false;
        return a.geometry().sameWkb(n.geometry()) && a.geometry().sameWkb(l.geometry());
    }

    /** Local objects whose {@code attribute} ({@code /}-separated keys) names one of {@code targets}. */
    static List<Feature> referencing(GpkgDataset local, Schema ls, String attribute, Set<String> targets) {
        int a = ls.indexOfIgnoreCase(attribute);
        if (a < 0 || targets.isEmpty()) return List.of();
        String pk = ls.primaryKey() != null ? ls.primaryKey() : "rowid";
        List<Long> wanted = new ArrayList<>();
        String sql = "SELECT " + Sql.id(pk) + ", " + Sql.id(ls.fields().get(a).name()) + " FROM " + Sql.id(ls.layer());
        try (Statement st = local.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String v = rs.getString(2);
                if (v == null) continue;
                for (String ref : v.split("/")) {
                    if (targets.contains(ref.trim())) {
                        wanted.add(rs.getLong(1));
                        break;
                    }
                }
            }
        } catch (SQLException e) {
            throw BdfsyncException.invalid(local.path(), ls.layer(), null, "cannot read " + attribute + ": " + e.getMessage(), e);
        }
        return new RowFetch(local, ls.layer()).byFid(wanted);
    }

    /** Every key of a layer (one scan of the key column). */
    static Set<String> keys(GpkgDataset ds, String layer, String keyColumn) {
        Schema s = ds.schema(layer);
        int k = s.indexOfIgnoreCase(keyColumn);
        Set<String> out = new HashSet<>();
        if (k < 0) return out;
        String sql = "SELECT " + Sql.id(s.fields().get(k).name()) + " FROM " + Sql.id(layer);
        try (Statement st = ds.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String v = rs.getString(1);
                if (v != null && !v.isBlank()) out.add(v.trim());
            }
        } catch (SQLException e) {
            throw BdfsyncException.invalid(ds.path(), layer, null, "cannot read keys: " + e.getMessage(), e);
        }
        return out;
    }
}
