package fr.bdfsync.core.conflict.detect;

import fr.bdfsync.core.conflict.Conflict;
import fr.bdfsync.core.conflict.ConflictIds;
import fr.bdfsync.core.conflict.ConflictStatus;
import fr.bdfsync.core.conflict.ConflictType;
import fr.bdfsync.core.feature.Feature;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Vegetation zones that overlap after the merge and did not before: for each touched zone, the zones whose
 * envelope meets it (STRtree over every merged zone, from the blob headers) are tested for interiors that
 * share an area above {@code minArea}. A pair that already overlapped in the ancestor is not reported.
 * The conflict's local geometry is the overlapping area.
 */
public final class OverlapDetector {
    private final double minArea;

    public OverlapDetector(double minArea) {
        this.minArea = minArea;
    }

    public List<Conflict> detect(LayerState s) {
        List<Conflict> out = new ArrayList<>();
        if (s.touched().isEmpty()) return out;
        STRtree tree = new STRtree();
        for (Map.Entry<String, Feature> e : s.merged().entrySet()) {
            if (e.getValue().geometry() != null) tree.insert(e.getValue().geometry().envelope(), e.getKey());
        }
        Set<String> seen = new HashSet<>();
        for (String key : s.touched()) {
            Feature f = s.merged().get(key);
            Geometry g = LayerState.geometry(f);
            if (g == null || g.getDimension() != 2) continue;
            PreparedGeometry prepared = PreparedGeometryFactory.prepare(g);
            for (Object o : tree.query(g.getEnvelopeInternal())) {
                String other = (String) o;
                if (other.equals(key)) continue;
                String pair = key.compareTo(other) < 0 ? key + "\n" + other : other + "\n" + key;
                if (!seen.add(pair)) continue;
                Geometry og = LayerState.geometry(s.merged().get(other));
                if (og == null || og.getDimension() != 2 || !prepared.intersects(og)) continue; // cheap test before any overlay
                Geometry overlap = overlap(g, og);
                if (overlap == null) continue;
                if (s.ancestor() != null && overlap(LayerState.geometry(s.ancestor().get(key)), LayerState.geometry(s.ancestor().get(other))) != null) continue;
                List<String> keys = List.of(key, other);
                String msg = String.format(java.util.Locale.ROOT, "zones %s and %s overlap by %.1f m² after the merge", key, other, overlap.getArea());
                out.add(new Conflict(ConflictIds.id(ConflictType.OVERLAP, s.layer(), keys, ""), ConflictType.OVERLAP, null, s.layer(), keys, List.of(),
                        null, null, overlap, overlap.getInteriorPoint().getCoordinate(), ConflictStatus.OPEN, null, msg,
                        ConflictIds.contentHash(List.of(), null, overlap)));
            }
        }
        return out;
    }

    private Geometry overlap(Geometry a, Geometry b) {
        if (a == null || b == null || a.getDimension() != 2 || b.getDimension() != 2) return null;
        if (!a.getEnvelopeInternal().intersects(b.getEnvelopeInternal())) return null;
        try {
            Geometry i = a.intersection(b);
            return i.getArea() > minArea ? i : null;
        } catch (RuntimeException e) {
            return null; // invalid input is reported by the merge, not here
        }
    }
}
