package fr.bdfsync.core.match;

import org.locationtech.jts.geom.Coordinate;

import java.util.List;
import java.util.Map;

/**
 * The outcome of attaching one local layer to one national layer.
 *
 * @param links                every link row, in local fid order (unmatched features included)
 * @param localFingerprints    fingerprint of every local feature read (by local fid)
 * @param nationalFingerprints fingerprint of every national feature a link points to (by key)
 * @param localPoints          a representative point of every local feature with a link
 * @param nationalPoints       a representative point of every linked national feature (by key)
 * @param problems             one line per local feature skipped or repaired (invalid, empty, NaN geometry)
 * @param reused               local features whose stored links were reused (both fingerprints unchanged)
 * @param matched              local features matched in this run
 * @param timings              wall and CPU time of each phase of the run
 */
public record AttachResult(String localLayer, String nationalLayer, double searchDistance, List<Link> links,
                           Map<Long, String> localFingerprints, Map<String, String> nationalFingerprints,
                           Map<Long, Coordinate> localPoints, Map<String, Coordinate> nationalPoints,
                           List<String> problems, int reused, int matched, AttachTimings timings) {

    /** The national keys linked to a local feature by sure links (what a key-based diff can use). */
    public LinkIndex index() {
        return LinkIndex.of(links);
    }
}
