package fr.bdfsync.core.conflict.detect;

import fr.bdfsync.core.conflict.Conflict;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.IsoWkb;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The overlap detector finds the same conflicts (ids, keys in the same order, content hashes) whether the unchanged
 * zones are in the layer state or read on demand per spatial batch of moved zones ({@link OverlapDetector.Neighbours}),
 * on random squares, some moved, created or deleted, many overlapping.
 */
class OverlapBatchesTest {
    private static final GeometryFactory GF = new GeometryFactory();

    @Test
    void neighboursReadPerBatchGiveTheSameConflicts() {
        Random rnd = new Random(20261126);
        int found = 0;
        for (int round = 0; round < 20; round++) {
            Map<String, Feature> ancestor = new LinkedHashMap<>(), changedNow = new LinkedHashMap<>(), unchanged = new LinkedHashMap<>();
            Set<String> touched = new HashSet<>();
            for (int i = 0; i < 600; i++) {
                String key = "Z" + i;
                Feature was = square(i, rnd);
                int what = rnd.nextInt(10);
                if (what == 0) { // created
                    changedNow.put(key, square(i, rnd));
                    touched.add(key);
                } else if (what == 1) { // deleted
                    ancestor.put(key, was);
                    touched.add(key);
                } else if (what <= 3) { // moved
                    ancestor.put(key, was);
                    changedNow.put(key, square(i, rnd));
                    touched.add(key);
                } else {
                    unchanged.put(key, was);
                }
            }
            Map<String, Feature> allNow = new LinkedHashMap<>(changedNow), allBefore = new LinkedHashMap<>(ancestor);
            allNow.putAll(unchanged);
            allBefore.putAll(unchanged);
            List<String> whole = ids(new OverlapDetector(1e-6).detect(new LayerState("zone_de_vegetation", allNow, Map.of(), allBefore, Map.of(), touched)));
            AtomicInteger reads = new AtomicInteger();
            OverlapDetector.Neighbours lazy = windows -> {
                reads.incrementAndGet();
                STRtree t = new STRtree();
                for (Envelope w : windows) t.insert(w, w);
                List<OverlapDetector.Neighbour> out = new ArrayList<>();
                unchanged.forEach((k, f) -> {
                    if (!t.query(f.geometry().envelope()).isEmpty()) out.add(new OverlapDetector.Neighbour(k, f.geometry()));
                });
                return out;
            };
            List<String> batched = ids(new OverlapDetector(1e-6, 17, null).detect(new LayerState("zone_de_vegetation", changedNow, Map.of(), ancestor, Map.of(), touched), lazy));
            assertEquals(whole, batched, "round " + round);
            assertTrue(reads.get() > 5, "several batches: " + reads.get());
            found += whole.size();
        }
        assertTrue(found > 500, "the random zones overlap: " + found);
    }

    private static List<String> ids(List<Conflict> cs) {
        List<String> out = new ArrayList<>();
        for (Conflict c : cs) out.add(c.id() + " " + c.keys() + " " + c.contentHash() + " " + c.message());
        out.sort(null);
        return out;
    }

    /** A square of 5-20 m somewhere in a 300 m field. */
    private static Feature square(int fid, Random rnd) {
        double x = rnd.nextInt(300), y = rnd.nextInt(300), s = 5 + rnd.nextInt(16);
        byte[] wkb = IsoWkb.write(GF.toGeometry(new Envelope(x, x + s, y, y + s)), false, false);
        return new Feature(fid, new Object[0], GeometryValue.ofWkb(wkb));
    }
}
