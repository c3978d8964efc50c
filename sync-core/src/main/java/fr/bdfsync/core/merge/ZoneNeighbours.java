package fr.bdfsync.core.merge;

import fr.bdfsync.core.conflict.detect.OverlapDetector;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.strtree.STRtree;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * On the delta path, the unchanged zones the overlap detector compares moved zones with, read on demand: the
 * candidates (rows whose bounds meet a moved zone's, any version) are found by one scan of the R-tree and kept packed
 * ({@link NeighbourCandidates}); each batch of moved zones then reads the rows meeting its zones by fid and keeps
 * their key and geometry only, until the batch is done. The zones of a whole layer's neighbourhood (≈ 1.8 KB of
 * geometry each on the benchmark data, several per moved zone) are thus never all held at once.
 */
final class ZoneNeighbours implements OverlapDetector.Neighbours {
    private final NeighbourCandidates candidates;
    private final RowFetch rows;
    private final int keyIndex;
    private final Set<String> loadedKeys;

    private ZoneNeighbours(NeighbourCandidates candidates, RowFetch rows, int keyIndex, Set<String> loadedKeys) {
        this.candidates = candidates;
        this.rows = rows;
        this.keyIndex = keyIndex;
        this.loadedKeys = loadedKeys;
    }

    /** The neighbours of the restricted layer {@code r}'s objects that moved, were created or deleted (seen through {@code around}). */
    static ZoneNeighbours of(GpkgDataset local, DeltaReader.Restricted r, Collection<Envelope> around) {
        NeighbourCandidates c = NeighbourCandidates.scan(local, r.local().schema(), around, 0, ContextFetch.loadedFids(r));
        return new ZoneNeighbours(c, new RowFetch(local, r.local().schema().layer()), r.local().keyIndex(), r.local().byKey().keySet());
    }

    @Override
    public List<OverlapDetector.Neighbour> near(List<Envelope> windows) {
        List<OverlapDetector.Neighbour> out = new ArrayList<>();
        if (windows.isEmpty() || candidates.size() == 0) return out;
        STRtree tree = new STRtree();
        Envelope all = new Envelope();
        for (Envelope w : windows) {
            tree.insert(w, w);
            all.expandToInclude(w);
        }
        List<Long> wanted = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            // a batch's zones lie close together: most candidates are outside their common envelope
            if (!candidates.hasBounds(i) || (candidates.meets(i, all) && !tree.query(candidates.bounds(i)).isEmpty())) wanted.add(candidates.fid(i));
        }
        for (Feature f : rows.byFid(wanted)) {
            Object k = f.value(keyIndex);
            if (k == null || k.toString().isBlank()) continue;
            String key = k.toString().trim();
            if (!loadedKeys.contains(key)) out.add(new OverlapDetector.Neighbour(key, f.geometry()));
        }
        return out;
    }
}
