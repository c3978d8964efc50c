package fr.bdfsync.core.conflict.detect;

import fr.bdfsync.core.conflict.Conflict;
import fr.bdfsync.core.conflict.ConflictIds;
import fr.bdfsync.core.conflict.ConflictStatus;
import fr.bdfsync.core.conflict.ConflictType;
import fr.bdfsync.core.feature.Feature;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.index.strtree.STRtree;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tronçon ends that met the network in the ancestor and no longer do after the merge. Looked at: the
 * tronçons whose geometry moved (stored bytes differ from the ancestor's) and the ancestor's tronçons whose
 * envelope met a moved or removed one (a deleted or moved neighbour can disconnect an unchanged tronçon, at
 * its ends or where another end met its middle); an attribute-only change cannot disconnect anything. An end meets the network when another tronçon lies within
 * {@code snap}. Ends are the start and end points of each line part. Needs an ancestor: on a two-way run
 * nothing can be said about "no longer".
 */
public final class DisconnectedDetector {
    private static final GeometryFactory GF = new GeometryFactory();
    private final double snap;

    public DisconnectedDetector(double snap) {
        this.snap = snap;
    }

    public List<Conflict> detect(LayerState s) {
        List<Conflict> out = new ArrayList<>();
        if (s.ancestor() == null || s.touched().isEmpty()) return out;
        STRtree now = index(s.merged());
        STRtree before = index(s.ancestor());
        // built before the parallel queries (a first query builds a tree), bytes of every value made before the threads read them
        now.build();
        before.build();
        for (Feature f : s.merged().values()) if (f.geometry() != null) f.geometry().wkbLength();
        for (Feature f : s.ancestor().values()) if (f.geometry() != null) f.geometry().wkbLength();
        List<String> touched = new ArrayList<>(s.touched());
        // only a tronçon whose geometry moved, or that was removed, can disconnect itself or a neighbour: each one's
        // neighbours are judged on all cores, then the candidates are put in the order of one pass (see below)
        List<List<String>> near = parallel(touched.size(), i -> seedNeighbours(s, before, touched.get(i)));
        Set<String> candidates = new LinkedHashSet<>();
        for (int i = 0; i < touched.size(); i++) {
            String key = touched.get(i);
            List<String> found = near.get(i);
            if (found == null) continue; // neither moved nor removed
            if (s.merged().containsKey(key)) candidates.add(key);
            candidates.addAll(found);
        }
        List<String> ordered = new ArrayList<>(candidates);
        for (List<Conflict> cs : parallel(ordered.size(), i -> disconnections(s, now, before, ordered.get(i)))) out.addAll(cs);
        return out;
    }

    /**
     * The ancestor tronçons one end of which met {@code key} where it was (its ancestor shape), in the tree's order, when
     * {@code key} moved or was removed; null when it did neither. A one-pass loop over the touched keys that skips
     * tronçons already candidates adds the same keys in the same order as adding these lists one after the other (a
     * skipped key was already in the set), so the candidates are those of the former sequential pass.
     */
    private List<String> seedNeighbours(LayerState s, STRtree before, String key) {
        boolean removed = !s.merged().containsKey(key) && s.ancestor().containsKey(key);
        if (!removed && !s.geometryMoved(key)) return null;
        List<String> out = new ArrayList<>();
        Feature was = s.ancestor().get(key);
        if (was == null || was.geometry() == null) return out;
        Envelope around = new Envelope(was.geometry().envelope());
        around.expandBy(snap);
        for (Object o : before.query(around)) {
            // an ancestor neighbour one end of which met this tronçon where it was
            String other = (String) o;
            if (other.equals(key)) continue;
            for (Coordinate end : WkbLines.ends(s.ancestor().get(other).geometry())) {
                // an end outside the widened envelope is farther than snap from every segment: no need to read them
                if (around.covers(end) && WkbLines.withinDistance(was.geometry(), end, snap)) {
                    out.add(other);
                    break;
                }
            }
        }
        return out;
    }

    /** The disconnected ends of candidate {@code key}, in the order of its ends (package-private for the reference in its test). */
    List<Conflict> disconnections(LayerState s, STRtree now, STRtree before, String key) {
        List<Conflict> out = new ArrayList<>();
        Feature f = s.merged().get(key);
        Feature a = s.ancestor().get(key);
        if (f == null || a == null || f.geometry() == null || a.geometry() == null) return out;
        List<Coordinate> ends = WkbLines.ends(f.geometry());
        List<Coordinate> ancestorEnds = null;
        for (int i = 0; i < ends.size(); i++) {
            Coordinate c = ends.get(i);
            if (meets(now, s.merged(), c, key)) continue;
            if (ancestorEnds == null) ancestorEnds = WkbLines.ends(a.geometry());
            Coordinate was = i < ancestorEnds.size() ? ancestorEnds.get(i) : nearest(ancestorEnds, c);
            if (!meets(before, s.ancestor(), was, key)) continue; // it was not connected either
            String subject = "end" + i;
            List<String> keys = List.of(key);
            String msg = String.format(java.util.Locale.ROOT, "tronçon %s: its %s (%.1f, %.1f) no longer meets the network",
                    key, i % 2 == 0 ? "start" : "end", c.x, c.y);
            Point p = GF.createPoint(c);
            Geometry g = f.geometry().parseTransient();
            out.add(new Conflict(ConflictIds.id(ConflictType.DISCONNECTED, s.layer(), keys, subject), ConflictType.DISCONNECTED, null, s.layer(),
                    keys, List.of(), a.geometry().parseTransient(), null, g, c, ConflictStatus.OPEN, null, msg, ConflictIds.contentHash(List.of(), p, g)));
        }
        return out;
    }

    /** {@code f(0), ..., f(n - 1)} computed on all cores, in index order. */
    private static <T> List<T> parallel(int n, java.util.function.IntFunction<T> f) {
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(null);
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> out.set(i, f.apply(i)));
        return out;
    }

    private static STRtree index(Map<String, Feature> features) {
        STRtree t = new STRtree();
        for (Map.Entry<String, Feature> e : features.entrySet()) {
            if (e.getValue().geometry() != null) t.insert(e.getValue().geometry().envelope(), e.getKey());
        }
        return t;
    }

    /** Whether another line comes within snap of c (distances read from the stored bytes). */
    private boolean meets(STRtree tree, Map<String, Feature> features, Coordinate c, String self) {
        Envelope e = new Envelope(c);
        e.expandBy(snap);
        for (Object o : tree.query(e)) {
            String k = (String) o;
            if (k.equals(self)) continue;
            Feature f = features.get(k);
            if (f != null && WkbLines.withinDistance(f.geometry(), c, snap)) return true;
        }
        return false;
    }

    private static Coordinate nearest(List<Coordinate> list, Coordinate c) {
        Coordinate best = c;
        double d = Double.MAX_VALUE;
        for (Coordinate x : list) {
            if (x.distance(c) < d) {
                d = x.distance(c);
                best = x;
            }
        }
        return best;
    }
}
