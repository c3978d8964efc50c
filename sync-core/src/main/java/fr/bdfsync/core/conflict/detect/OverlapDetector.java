package fr.bdfsync.core.conflict.detect;

import fr.bdfsync.core.conflict.Conflict;
import fr.bdfsync.core.conflict.ConflictIds;
import fr.bdfsync.core.conflict.ConflictStatus;
import fr.bdfsync.core.conflict.ConflictType;
import fr.bdfsync.core.conflict.PackedConflicts;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.GeometryValue;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Vegetation zones that overlap after the merge and did not before. Only zones whose geometry moved (new,
 * or stored bytes that differ from the ancestor's) can start overlapping: for each of them, the zones whose
 * envelope meets it (STRtree over the merged zones at hand: the touched ones and their neighbours) are
 * tested for interiors that meet ({@code T********}: {@link InteriorsMeet}, a vertex inside, else a prepared
 * {@code RelateNG}); a pair whose interiors
 * already met in the ancestor (same test: no overlay computed) is not reported; only then is the shared area
 * computed, and reported when above {@code minArea} (below it, numerical slivers are ignored). Neighbours are parsed without being cached. The conflict's local geometry is the overlapping area.
 */
public final class OverlapDetector {
    private final double minArea;
    private final int batch;
    private final UnaryOperator<Conflict> keep;

    public OverlapDetector(double minArea) {
        this(minArea, BATCH, null);
    }

    /**
     * @param keep applied to each conflict as found (thread-safe: the zones are compared in parallel), e.g. to move its
     *             geometry out of the heap ({@link fr.bdfsync.core.conflict.ConflictSpill}); null: coordinates packed
     */
    public OverlapDetector(double minArea, UnaryOperator<Conflict> keep) {
        this(minArea, BATCH, keep);
    }

    /** With batches of {@code batch} moved zones when neighbours are read on demand (tests use small ones). */
    OverlapDetector(double minArea, int batch, UnaryOperator<Conflict> keep) {
        this.minArea = minArea;
        this.batch = batch;
        this.keep = keep;
    }

    /** An unchanged zone (the same in the three versions) that is not in the layer state: its key and geometry. */
    public record Neighbour(String key, GeometryValue geometry) {
    }

    /**
     * Where the unchanged zones that the state does not hold come from (read on demand, by batches of moved zones,
     * so they are never all held at once): the zones whose bounds meet one of {@code windows}, none of them in the
     * state.
     */
    @FunctionalInterface
    public interface Neighbours {
        List<Neighbour> near(List<Envelope> windows);
    }

    /** Moved zones compared per batch when neighbours are read on demand (spatially close zones in one batch). */
    static final int BATCH = 2048;

    public List<Conflict> detect(LayerState s) {
        return detect(s, null);
    }

    /**
     * As above, with the unchanged neighbours the state does not hold read from {@code lazy} (null: the state holds
     * every zone the detector needs). The moved zones are then taken in spatial batches (slices by x, then by y),
     * each batch's neighbours read, compared and dropped; the conflicts are the same as with every neighbour in
     * the state (a pair is looked at from the same zone, so the same keys in the same order).
     */
    public List<Conflict> detect(LayerState s, Neighbours lazy) {
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
        // the moved zones' shapes parsed on all cores (only their bounds and dimension are kept), then indexed in order
        Envelope[] bounds = new Envelope[moved.size()];
        IntStream.range(0, moved.size()).parallel().forEach(i -> {
            Geometry g = LayerState.transientGeometry(s.merged().get(moved.get(i)));
            if (g != null && g.getDimension() == 2) bounds[i] = g.getEnvelopeInternal();
        });
        for (int i = 0; i < moved.size(); i++) {
            String key = moved.get(i);
            rank.put(key, i);
            if (bounds[i] != null) areal.put(key, bounds[i]);
        }
        List<Conflict> out = new ArrayList<>();
        for (int[] batch : batches(moved, areal, lazy == null ? 0 : this.batch)) {
            Map<String, GeometryValue> extra = new HashMap<>();
            STRtree extraTree = null;
            if (lazy != null) {
                List<Envelope> windows = new ArrayList<>(batch.length);
                for (int i : batch) windows.add(areal.get(moved.get(i)));
                List<Neighbour> near = lazy.near(windows);
                if (!near.isEmpty()) {
                    extraTree = new STRtree();
                    for (Neighbour n : near) {
                        if (n.geometry() == null || s.merged().containsKey(n.key()) || extra.putIfAbsent(n.key(), n.geometry()) != null) continue;
                        extraTree.insert(n.geometry().envelope(), n.key());
                    }
                    extraTree.build();
                }
            }
            Zones zones = new Zones(s, tree, extraTree, extra);
            int chunks = Math.min(batch.length, 8 * Runtime.getRuntime().availableProcessors());
            List<List<Conflict>> parts = IntStream.range(0, chunks).parallel()
                    .mapToObj(c -> scan(zones, moved, batch, batch.length * c / chunks, batch.length * (c + 1) / chunks, rank, areal)).toList();
            parts.forEach(out::addAll);
        }
        return out;
    }

    /**
     * The indexes of {@code moved} in batches: one batch in order when everything is in memory ({@code size} 0); else
     * the areal zones sorted by x into slices, each slice by y, cut into batches of {@code size}, so a batch's
     * zones lie close together and share neighbours.
     */
    static List<int[]> batches(List<String> moved, Map<String, Envelope> areal, int size) {
        if (size <= 0) return List.of(IntStream.range(0, moved.size()).toArray());
        Integer[] idx = IntStream.range(0, moved.size()).filter(i -> areal.containsKey(moved.get(i))).boxed().toArray(Integer[]::new);
        // the centres looked up once (the comparators compare the same values as with a look-up per comparison)
        double[] cx = new double[moved.size()], cy = new double[moved.size()];
        for (Integer i : idx) {
            org.locationtech.jts.geom.Coordinate c = areal.get(moved.get(i)).centre();
            // an empty shape's bounds have no centre (its look-up threw in the comparator): last, in either order
            cx[i] = c == null ? Double.NaN : c.x;
            cy[i] = c == null ? Double.NaN : c.y;
        }
        java.util.Arrays.sort(idx, java.util.Comparator.comparingDouble(i -> cx[i]));
        int nBatches = (idx.length + size - 1) / size;
        int slices = Math.max(1, (int) Math.ceil(Math.sqrt(nBatches)));
        int perSlice = (idx.length + slices - 1) / Math.max(1, slices);
        List<int[]> out = new ArrayList<>();
        for (int from = 0; from < idx.length; from += perSlice) {
            Integer[] slice = java.util.Arrays.copyOfRange(idx, from, Math.min(idx.length, from + perSlice));
            java.util.Arrays.sort(slice, java.util.Comparator.comparingDouble(i -> cy[i]));
            for (int b = 0; b < slice.length; b += size) {
                int[] batch = new int[Math.min(size, slice.length - b)];
                for (int j = 0; j < batch.length; j++) batch[j] = slice[b + j];
                out.add(batch);
            }
        }
        return out;
    }

    /** The zones at hand for one batch: the state's, and the unchanged neighbours read for the batch. */
    private record Zones(LayerState s, STRtree tree, STRtree extraTree, Map<String, GeometryValue> extra) {
        List<Object> query(Envelope e) {
            List<Object> out = new ArrayList<>(tree.query(e));
            if (extraTree != null) out.addAll(extraTree.query(e));
            return out;
        }

        /** The merged shape of {@code key}, parsed without keeping the parse. */
        Geometry merged(String key) {
            GeometryValue g = extra.get(key);
            return g != null ? g.parseTransient() : LayerState.transientGeometry(s.merged().get(key));
        }

        /**
         * The ancestor's shape of {@code key}, given its merged shape {@code merged} (parsed from the merged bytes): that
         * same parse when the ancestor's stored bytes are the merged ones (an unchanged neighbour's only shape, a zone
         * that did not move), else a parse of the ancestor's bytes.
         */
        Geometry ancestor(String key, Geometry merged) {
            if (extra.containsKey(key)) return merged;
            Feature a = s.ancestor().get(key);
            GeometryValue ag = a == null ? null : a.geometry();
            if (ag == null) return null;
            Feature m = s.merged().get(key);
            GeometryValue mg = m == null ? null : m.geometry();
            if (mg != null && (ag == mg || ag.sameWkb(mg))) return merged;
            return ag.parseTransient();
        }
    }

    /** The overlaps found from {@code moved[batch[from, to)]}; the zones are compared in parallel chunks (overlays are the cost). */
    private List<Conflict> scan(Zones z, List<String> moved, int[] batch, int from, int to, Map<String, Integer> rank, Map<String, Envelope> areal) {
        LayerState s = z.s();
        List<Conflict> out = new ArrayList<>();
        // packed as found: an overlay's Coordinate objects weigh ≈ 40 bytes a vertex, the packed form 16 (70,000 overlaps at 1M)
        PackedConflicts packer = new PackedConflicts();
        UnaryOperator<Conflict> kept = keep != null ? keep : packer::packed;
        for (int bi = from; bi < to; bi++) {
            int i = batch[bi];
            String key = moved.get(i);
            Geometry g = LayerState.transientGeometry(s.merged().get(key));
            if (g == null || g.getDimension() != 2) continue;
            Envelope mine = s.merged().get(key).geometry().envelope();
            InteriorsMeet prepared = null;
            Before before = new Before(z, key);
            for (Object o : z.query(g.getEnvelopeInternal())) {
                String other = (String) o;
                if (other.equals(key)) continue;
                Integer r = rank.get(other);
                Envelope oe = areal.get(other);
                if (r != null && r < i && oe != null && mine.intersects(oe)) continue; // looked at from `other`
                Geometry og = z.merged(other);
                if (og == null || og.getDimension() != 2 || !g.getEnvelopeInternal().intersects(og.getEnvelopeInternal())) continue;
                if (prepared == null) prepared = new InteriorsMeet(g);
                if (!prepared.test(og) || before.overlapped(other, og)) continue;
                Geometry overlap = overlap(g, og);
                if (overlap == null) continue;
                List<String> keys = List.of(key, other);
                String msg = String.format(java.util.Locale.ROOT, "zones %s and %s overlap by %.1f m² after the merge", key, other, overlap.getArea());
                out.add(kept.apply(new Conflict(ConflictIds.id(ConflictType.OVERLAP, s.layer(), keys, ""), ConflictType.OVERLAP, null, s.layer(), keys,
                        List.of(), null, null, overlap, overlap.getInteriorPoint().getCoordinate(), ConflictStatus.OPEN, null, msg,
                        ConflictIds.contentHash(List.of(), null, overlap))));
            }
        }
        return out;
    }

    /**
     * Whether a moved zone's interior met another's in the ancestor. The moved zone's ancestor shape is parsed and
     * prepared once, on the first neighbour that needs it, and reused for its other neighbours.
     */
    private static final class Before {
        private final Zones z;
        private final String key;
        private boolean parsed;
        private Geometry a;
        private InteriorsMeet prepared;

        Before(Zones z, String key) {
            this.z = z;
            this.key = key;
        }

        /** @param now the merged shape of {@code other} (its ancestor's when the stored bytes are the same) */
        boolean overlapped(String other, Geometry now) {
            if (z.s().ancestor() == null) return false;
            if (!parsed) {
                parsed = true;
                a = LayerState.transientGeometry(z.s().ancestor().get(key));
                if (a != null && a.getDimension() != 2) a = null;
            }
            if (a == null) return false;
            Geometry b = z.ancestor(other, now);
            if (b == null || b.getDimension() != 2) return false;
            if (!a.getEnvelopeInternal().intersects(b.getEnvelopeInternal())) return false;
            if (prepared == null) prepared = new InteriorsMeet(a);
            return prepared.test(b);
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
