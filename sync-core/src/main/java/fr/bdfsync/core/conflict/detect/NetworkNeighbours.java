package fr.bdfsync.core.conflict.detect;

import fr.bdfsync.core.feature.GeometryValue;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.strtree.STRtree;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Which unchanged tronçons the {@link DisconnectedDetector} can need, given the tronçons a merge may move or
 * remove (the seeds, every version of each): the detector looks only at (a) tronçons one end of which lies within
 * {@code snap} of a seed (they may lose their connection) and (b) tronçons passing within {@code snap} of an end
 * of a seed or of an (a) tronçon (what those ends meet). Any other unchanged tronçon changes no verdict, so the
 * detector gives the same conflicts without it; keeping only these keeps memory with the changes instead of with
 * every line whose envelope meets a seed's (long lines' envelopes meet most of the network's).
 * <p>
 * Use: {@link #needed} on each unchanged candidate (answers (a) and (b) for the seeds' ends, and records the ends
 * of (a) tronçons), then {@link #nearAddedEnds} on the candidates it refused, for (b) against the recorded ends.
 */
public final class NetworkNeighbours {
    private final double snap;
    private final STRtree seeds = new STRtree();
    private final STRtree seedEnds = new STRtree();
    private final List<Coordinate> addedEnds = new ArrayList<>();
    private STRtree addedIndex;

    public NetworkNeighbours(double snap, Collection<GeometryValue> seedLines) {
        this.snap = snap;
        for (GeometryValue g : seedLines) {
            if (g == null) continue;
            seeds.insert(widened(g.envelope()), g);
            for (Coordinate c : WkbLines.ends(g)) seedEnds.insert(widened(new Envelope(c)), c);
        }
    }

    /**
     * Whether a line with these bounds can be of kind (a) or (b) for the seeds, from its bounds alone: a seed end
     * within snap of them, or a seed segment whose envelope meets them widened by snap. False means {@link #needed}
     * would be false, without reading the line.
     */
    public boolean mayNeed(Envelope bounds) {
        Envelope w = widened(bounds);
        if (!seedEnds.query(w).isEmpty()) return true;
        for (Object o : seeds.query(w)) {
            if (WkbLines.segmentBoundsMeet((GeometryValue) o, w)) return true;
        }
        return false;
    }

    /** Whether the unchanged line {@code g} is of kind (a) or (b) for the seeds; the ends of an (a) line are recorded. */
    public boolean needed(GeometryValue g) {
        List<Coordinate> ends = neededEnds(g);
        if (ends == null) return false;
        record(ends);
        return true;
    }

    /**
     * What {@link #needed} answers, without recording anything: null when {@code g} is not needed, else the ends
     * {@link #needed} would record (empty for a (b) line). Reads only, so several threads may ask at once (the
     * candidates of a batch are judged in parallel, then {@link #record}ed in their order).
     */
    public List<Coordinate> neededEnds(GeometryValue g) {
        if (g == null) return null;
        List<Coordinate> ends = WkbLines.ends(g);
        for (Coordinate end : ends) {
            for (Object o : seeds.query(new Envelope(end))) {
                if (WkbLines.withinDistance((GeometryValue) o, end, snap)) return ends;
            }
        }
        return passesNear(g, seedEnds) ? List.of() : null;
    }

    /**
     * A judge for one batch of candidates: asks what {@link #neededEnds} asks and answers the same, but measures a
     * candidate's end against a seed line through the seed's runs ({@link WkbLines.Runs}: the same segments measured by
     * the same code, only those near the end read), built the first time the batch asks about that seed and dropped with
     * the judge. A batch's candidates lie close together (the R-tree's order), so the seeds they meet are a few and asked
     * about many times; the runs of every seed, kept for the whole search, would not fit the 1M job's heap.
     * Several threads may ask at once.
     */
    public Judge judge() {
        return new Judge();
    }

    /** See {@link #judge()}. */
    public final class Judge {
        private final java.util.concurrent.ConcurrentHashMap<GeometryValue, Object> runs = new java.util.concurrent.ConcurrentHashMap<>();
        private static final Object NONE = new Object();

        private Judge() {
        }

        /** What {@link NetworkNeighbours#neededEnds} answers. */
        public List<Coordinate> neededEnds(GeometryValue g) {
            if (g == null) return null;
            List<Coordinate> ends = WkbLines.ends(g);
            for (Coordinate end : ends) {
                for (Object o : seeds.query(new Envelope(end))) {
                    GeometryValue seed = (GeometryValue) o;
                    Object r = runs.computeIfAbsent(seed, k -> {
                        WkbLines.Runs built = WkbLines.Runs.of(k);
                        return built == null ? NONE : built;
                    });
                    boolean within = r == NONE ? WkbLines.withinDistance(seed, end, snap) : ((WkbLines.Runs) r).withinDistance(end, snap);
                    if (within) return ends;
                }
            }
            return passesNear(g, seedEnds) ? List.of() : null;
        }
    }

    /** Records the ends {@link #neededEnds} gave for a needed line (as {@link #needed} does). */
    public void record(List<Coordinate> ends) {
        if (addedIndex != null) throw new IllegalStateException("ends recorded after the search around them began");
        addedEnds.addAll(ends);
    }

    /**
     * Whether {@code g} passes within snap of an end recorded by {@link #needed} (false when none was). Reads only
     * once {@link #addedEndBounds} has been called (several threads may then ask at once).
     */
    public boolean nearAddedEnds(GeometryValue g) {
        if (g == null || addedEnds.isEmpty()) return false;
        return passesNear(g, addedIndex());
    }

    private STRtree addedIndex() {
        if (addedIndex == null) {
            STRtree t = new STRtree();
            for (Coordinate c : addedEnds) t.insert(widened(new Envelope(c)), c);
            t.build();
            addedIndex = t;
        }
        return addedIndex;
    }

    /**
     * Whether any end was recorded, and which envelope each must be checked against (for a prefilter by bounds); the
     * recorded ends are final from then on (their index is built here).
     */
    public List<Envelope> addedEndBounds() {
        List<Envelope> out = new ArrayList<>(addedEnds.size());
        for (Coordinate c : addedEnds) out.add(widened(new Envelope(c)));
        if (!addedEnds.isEmpty()) addedIndex();
        return out;
    }

    private boolean passesNear(GeometryValue g, STRtree points) {
        List<?> near = points.query(g.envelope());
        if (near.isEmpty()) return false;
        // several ends to measure against one (long) line: its runs first, then only the runs near each end; the
        // runs are dropped right after (kept for every seed, they tipped the 1M job's 768 MiB heap over)
        WkbLines.Runs runs = near.size() > 1 ? WkbLines.Runs.of(g) : null;
        for (Object o : near) {
            Coordinate c = (Coordinate) o;
            if (runs != null ? runs.withinDistance(c, snap) : WkbLines.withinDistance(g, c, snap)) return true;
        }
        return false;
    }

    private Envelope widened(Envelope e) {
        Envelope w = new Envelope(e);
        w.expandBy(snap);
        return w;
    }
}
