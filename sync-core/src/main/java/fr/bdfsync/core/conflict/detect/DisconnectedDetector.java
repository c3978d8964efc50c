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
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.index.strtree.STRtree;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tronçon ends that met the network in the ancestor and no longer do after the merge. Looked at: the
 * touched tronçons and the ancestor's tronçons that met a touched one (a deleted or moved neighbour can
 * disconnect an unchanged tronçon). An end meets the network when another tronçon lies within
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
        Set<String> candidates = new LinkedHashSet<>(s.touched());
        for (String key : s.touched()) {
            Geometry ag = LayerState.geometry(s.ancestor().get(key));
            if (ag == null) continue;
            for (Coordinate c : ends(ag)) candidates.addAll(near(before, s.ancestor(), c, key));
        }
        for (String key : candidates) {
            Geometry g = LayerState.geometry(s.merged().get(key));
            Geometry ag = LayerState.geometry(s.ancestor().get(key));
            if (g == null || ag == null || g.getDimension() != 1) continue;
            List<Coordinate> ends = ends(g);
            List<Coordinate> ancestorEnds = ends(ag);
            for (int i = 0; i < ends.size(); i++) {
                Coordinate c = ends.get(i);
                if (!near(now, s.merged(), c, key).isEmpty()) continue;
                Coordinate was = i < ancestorEnds.size() ? ancestorEnds.get(i) : nearest(ancestorEnds, c);
                if (near(before, s.ancestor(), was, key).isEmpty()) continue; // it was not connected either
                String subject = "end" + i;
                List<String> keys = List.of(key);
                String msg = String.format(java.util.Locale.ROOT, "tronçon %s: its %s (%.1f, %.1f) no longer meets the network",
                        key, i % 2 == 0 ? "start" : "end", c.x, c.y);
                Point p = GF.createPoint(c);
                out.add(new Conflict(ConflictIds.id(ConflictType.DISCONNECTED, s.layer(), keys, subject), ConflictType.DISCONNECTED, null, s.layer(),
                        keys, List.of(), ag, null, g, c, ConflictStatus.OPEN, null, msg, ConflictIds.contentHash(List.of(), p, g)));
            }
        }
        return out;
    }

    private static STRtree index(Map<String, Feature> features) {
        STRtree t = new STRtree();
        for (Map.Entry<String, Feature> e : features.entrySet()) {
            if (e.getValue().geometry() != null) t.insert(e.getValue().geometry().envelope(), e.getKey());
        }
        return t;
    }

    /** Keys of other lines within snap of c. */
    private List<String> near(STRtree tree, Map<String, Feature> features, Coordinate c, String self) {
        Envelope e = new Envelope(c);
        e.expandBy(snap);
        Point p = GF.createPoint(c);
        List<String> out = new ArrayList<>();
        for (Object o : tree.query(e)) {
            String k = (String) o;
            if (k.equals(self)) continue;
            Geometry g = LayerState.geometry(features.get(k));
            if (g != null && g.isWithinDistance(p, snap)) out.add(k);
        }
        return out;
    }

    static List<Coordinate> ends(Geometry g) {
        List<Coordinate> out = new ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Geometry part = g.getGeometryN(i);
            if (part instanceof LineString && !part.isEmpty() && !((LineString) part).isClosed()) {
                out.add(((LineString) part).getCoordinateN(0));
                out.add(((LineString) part).getCoordinateN(((LineString) part).getNumPoints() - 1));
            }
        }
        return out;
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
