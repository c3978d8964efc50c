package fr.bdfsync.core.conflict.detect;

import fr.bdfsync.core.conflict.Conflict;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.GeometryValue;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.strtree.STRtree;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The network detector, which judges each seed's neighbours and each candidate's ends on all cores, gives the
 * conflicts of the one-thread pass it replaced (kept here as the reference: same ids, messages, content hashes and
 * order), on random networks with moved, removed, created and unchanged tronçons.
 */
class DisconnectedDetectorTest {
    private static final double SNAP = 0.5;

    @Test
    void sameConflictsInTheSameOrderAsOnePass() {
        Random rnd = new Random(126);
        int found = 0;
        for (int round = 0; round < 150; round++) {
            List<Coordinate> nodes = new ArrayList<>();
            for (int i = 0; i < 120; i++) nodes.add(new Coordinate(rnd.nextInt(250), rnd.nextInt(250)));
            Map<String, Feature> ancestor = new LinkedHashMap<>(), merged = new LinkedHashMap<>();
            Set<String> touched = new LinkedHashSet<>();
            for (int i = 0; i < 200; i++) {
                String key = "T" + i;
                Feature was = NetworkNeighboursTest.line(i, rnd, nodes);
                int what = rnd.nextInt(10);
                if (what == 0) { // created
                    merged.put(key, NetworkNeighboursTest.line(i, rnd, nodes));
                    touched.add(key);
                    continue;
                }
                ancestor.put(key, was);
                if (what == 1) { // removed
                    touched.add(key);
                } else if (what <= 3) { // moved
                    merged.put(key, NetworkNeighboursTest.line(i, rnd, nodes));
                    touched.add(key);
                } else if (what == 4) { // attributes only: touched, same bytes
                    merged.put(key, new Feature(i, new Object[0], GeometryValue.ofWkb(was.geometry().wkb())));
                    touched.add(key);
                } else {
                    merged.put(key, was);
                }
            }
            LayerState s = new LayerState("troncon_hydrographique", merged, Map.of(), ancestor, Map.of(), touched);
            List<String> expected = describe(onePass(s));
            assertEquals(expected, describe(new DisconnectedDetector(SNAP).detect(s)), "round " + round);
            found += expected.size();
        }
        assertTrue(found > 200, "the random networks disconnect ends: " + found);
    }

    private static List<String> describe(List<Conflict> cs) {
        List<String> out = new ArrayList<>();
        for (Conflict c : cs) out.add(c.id() + " | " + c.message() + " | " + c.contentHash() + " | " + c.localGeometry() + " | " + c.ancestorGeometry());
        return out;
    }

    /** The former detector: one thread, candidates skipped when already in the set. */
    private static List<Conflict> onePass(LayerState s) {
        List<Conflict> out = new ArrayList<>();
        STRtree now = index(s.merged()), before = index(s.ancestor());
        Set<String> candidates = new LinkedHashSet<>();
        for (String key : s.touched()) {
            boolean removed = !s.merged().containsKey(key) && s.ancestor().containsKey(key);
            if (!removed && !s.geometryMoved(key)) continue;
            if (!removed) candidates.add(key);
            Feature was = s.ancestor().get(key);
            if (was == null || was.geometry() == null) continue;
            Envelope around = new Envelope(was.geometry().envelope());
            around.expandBy(SNAP);
            for (Object o : before.query(around)) {
                String other = (String) o;
                if (other.equals(key) || candidates.contains(other)) continue;
                for (Coordinate end : WkbLines.ends(s.ancestor().get(other).geometry())) {
                    if (around.covers(end) && WkbLines.withinDistance(was.geometry(), end, SNAP)) {
                        candidates.add(other);
                        break;
                    }
                }
            }
        }
        DisconnectedDetector one = new DisconnectedDetector(SNAP);
        for (String key : candidates) {
            // the per-candidate judgement is the detector's own (its order of ends, its messages)
            out.addAll(one.disconnections(s, now, before, key));
        }
        return out;
    }

    private static STRtree index(Map<String, Feature> features) {
        STRtree t = new STRtree();
        features.forEach((k, f) -> t.insert(f.geometry().envelope(), k));
        return t;
    }
}
