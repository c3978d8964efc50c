package fr.bdfsync.core.merge;

import fr.bdfsync.core.conflict.Conflict;
import fr.bdfsync.core.conflict.ConflictSpill;
import fr.bdfsync.core.conflict.detect.DanglingReferenceDetector;
import fr.bdfsync.core.conflict.detect.DisconnectedDetector;
import fr.bdfsync.core.conflict.detect.DoubleCountedDetector;
import fr.bdfsync.core.conflict.detect.OverlapDetector;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs the post-merge detectors on the layers they concern (BD TOPO names): overlapping
 * {@code zone_de_vegetation}; disconnected {@code troncon_hydrographique}; {@code liens_vers_cours_d_eau}
 * pointing to a destroyed {@code cours_d_eau}; {@code haie} lines counted twice with Haie zones.
 */
final class SpatialChecks {
    static final String ZONES = "zone_de_vegetation";
    static final String HEDGES = "haie";
    static final String TRONCONS = "troncon_hydrographique";
    static final String RIVERS = "cours_d_eau";
    static final String RIVER_LINKS = "liens_vers_cours_d_eau";
    /** Share of a hedge line's length inside a Haie zone from which it is counted twice. */
    static final double DOUBLE_COUNT_SHARE = 0.8;

    private final SyncJob job;
    private final MergedView view;
    private final OverlapDetector.Neighbours zoneNeighbours;
    private final ConflictSpill spill;

    /**
     * @param zoneNeighbours the unchanged zones the zones' state does not hold, read on demand; null when it holds them
     * @param spill          where the overlap conflicts' geometries go as found (null: kept in memory)
     */
    SpatialChecks(SyncJob job, MergedView view, OverlapDetector.Neighbours zoneNeighbours, ConflictSpill spill) {
        this.job = job;
        this.view = view;
        this.zoneNeighbours = zoneNeighbours;
        this.spill = spill;
    }

    List<Conflict> run() {
        List<Conflict> out = new ArrayList<>();
        double tol = job.tolerances().geometry();
        if (view.has(ZONES)) out.addAll(new OverlapDetector(Math.max(tol * tol, 1e-6), spill == null ? null : spill::spilled).detect(view.state(ZONES), zoneNeighbours));
        if (view.has(TRONCONS)) {
            out.addAll(new DisconnectedDetector(job.tolerances().snap()).detect(view.state(TRONCONS)));
            Set<String> now = view.keysNow(RIVERS);
            if (now != null) out.addAll(new DanglingReferenceDetector(RIVER_LINKS, RIVERS).detect(view.state(TRONCONS), now, view.keysBefore(RIVERS)));
        }
        if (view.has(HEDGES) && view.has(ZONES)) {
            out.addAll(new DoubleCountedDetector(DOUBLE_COUNT_SHARE).detect(view.state(HEDGES), view.state(ZONES)));
        }
        return out;
    }
}
