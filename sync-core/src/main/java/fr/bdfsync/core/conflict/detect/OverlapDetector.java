package fr.bdfsync.core.conflict.detect;

import fr.bdfsync.core.conflict.Conflict;
import fr.bdfsync.core.conflict.ConflictIds;
import fr.bdfsync.core.conflict.ConflictStatus;
import fr.bdfsync.core.conflict.ConflictType;
import fr.bdfsync.core.feature.Feature;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.relateng.RelateNG;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Vegetation zones that overlap after the merge and did not before. Only zones whose geometry moved (new,
 * or stored bytes that differ from the ancestor's) can start overlapping: for each of them, the zones whose
 * envelope meets it (STRtree over the merged zones at hand: the touched ones and their neighbours) are
 * tested with a prepared {@link RelateNG} for interiors that meet ({@code T********}); a pair whose interiors
 * already met in the ancestor (same test: no overlay computed) is not reported; only then is the shared area
 * computed, and reported when above {@code minArea} (below it, numerical slivers are ignored). Neighbours are parsed without being cached. The conflict's local geometry is the overlapping area.
 */
public final class OverlapDetector {
    private static final String INTERIORS_MEET = "T********";
    private final double minArea;

    public OverlapDetector(double minArea) {
        this.minArea = minArea;
    }

    public List<Conflict> detect(LayerState s) {
        List<String> moved = new ArrayList<>();
        for (String key : s.touched()) if (s.geometryMoved(key)) moved.add(key);
        if (moved.isEmpty()) return new ArrayList<>();
        STRtree tree = new STRtree();
        for (Map.Entry<String, Feature> e : s.merged().entrySet()) {
            if (e.getValue().geometry() != null) tree.insert(e.getValue().geometry().envelope(), e.getKey());
        }
        tree.build(); // before the parallel queries
        // a pair of moved zones is looked at from the one that comes first (as one sequential pass over `moved` would)
        Map<String, Integer> rank = new HashMap<>();
        Map<String, Envelope> areal = new HashMap<>();
        for (int i = 0; i < moved.size(); i++) {
            String key = moved.get(i);
            rank.put(key, i);
            Geometry g = LayerState.transientGeometry(s.merged().get(key));
            if (g != null && g.getDimension() == 2) areal.put(key, g.getEnvelopeInternal());
        }
        int chunks = Math.min(moved.size(), 8 * Runtime.getRuntime().availableProcessors());
        List<List<Conflict>> parts = IntStream.range(0, chunks).parallel()
                .mapToObj(c -> scan(s, tree, moved, moved.size() * c / chunks, moved.size() * (c + 1) / chunks, rank, areal)).toList();
        List<Conflict> out = new ArrayList<>();
        parts.forEach(out::addAll);
        return out;
    }

    /** The overlaps found from {@code moved[from, to)}; the zones are compared in parallel chunks (overlays are the cost). */
    private List<Conflict> scan(LayerState s, STRtree tree, List<String> moved, int from, int to, Map<String, Integer> rank, Map<String, Envelope> areal) {
        List<Conflict> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String key = moved.get(i);
            Geometry g = LayerState.transientGeometry(s.merged().get(key));
            if (g == null || g.getDimension() != 2) continue;
            Envelope mine = s.merged().get(key).geometry().envelope();
            RelateNG prepared = null;
            Before before = new Before(s, key);
            for (Object o : tree.query(g.getEnvelopeInternal())) {
                String other = (String) o;
                if (other.equals(key)) continue;
                Integer r = rank.get(other);
                Envelope oe = areal.get(other);
                if (r != null && r < i && oe != null && mine.intersects(oe)) continue; // looked at from `other`
                Geometry og = LayerState.transientGeometry(s.merged().get(other));
                if (og == null || og.getDimension() != 2 || !g.getEnvelopeInternal().intersects(og.getEnvelopeInternal())) continue;
                if (prepared == null) prepared = RelateNG.prepare(g);
                if (!interiorsMeet(prepared, og) || before.overlapped(other)) continue;
                Geometry overlap = overlap(g, og);
                if (overlap == null) continue;
                List<String> keys = List.of(key, other);
                String msg = String.format(java.util.Locale.ROOT, "zones %s and %s overlap by %.1f m² after the merge", key, other, overlap.getArea());
                out.add(new Conflict(ConflictIds.id(ConflictType.OVERLAP, s.layer(), keys, ""), ConflictType.OVERLAP, null, s.layer(), keys, List.of(),
                        null, null, overlap, overlap.getInteriorPoint().getCoordinate(), ConflictStatus.OPEN, null, msg,
                        ConflictIds.contentHash(List.of(), null, overlap)));
            }
        }
        return out;
    }

    /**
     * Whether a moved zone's interior met another's in the ancestor. The moved zone's ancestor shape is parsed and
     * prepared once, on the first neighbour that needs it, and reused for its other neighbours.
     */
    private static final class Before {
        private final LayerState s;
        private final String key;
        private boolean parsed;
        private Geometry a;
        private RelateNG prepared;

        Before(LayerState s, String key) {
            this.s = s;
            this.key = key;
        }

        boolean overlapped(String other) {
            if (s.ancestor() == null) return false;
            if (!parsed) {
                parsed = true;
                a = LayerState.transientGeometry(s.ancestor().get(key));
                if (a != null && a.getDimension() != 2) a = null;
            }
            if (a == null) return false;
            Geometry b = LayerState.transientGeometry(s.ancestor().get(other));
            if (b == null || b.getDimension() != 2) return false;
            if (!a.getEnvelopeInternal().intersects(b.getEnvelopeInternal())) return false;
            if (prepared == null) prepared = RelateNG.prepare(a);
            return interiorsMeet(prepared, b);
        }
    }

    private static boolean interiorsMeet(RelateNG prepared, Geometry other) {
        try {
            return prepared.evaluate(other, INTERIORS_MEET);
        } catch (RuntimeException e) {
            return false; // invalid input is reported by the merge, not here
        }
    }

    private Geometry overlap(Geometry a, Geometry b) {
        try {
            Geometry i = a.intersection(b);
            return i.getArea() > minArea ? i : null;
        } catch (RuntimeException e) {
            return null; // invalid input is reported by the merge, not here
        }
    }
}
