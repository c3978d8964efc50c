package fr.bdfsync.core.conflict.detect;

import fr.bdfsync.core.conflict.Conflict;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.IsoWkb;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The network detector finds the same disconnections with only the unchanged tronçons {@link NetworkNeighbours}
 * keeps as with all of them (random networks whose line ends share a few points, moved and removed tronçons).
 */
class NetworkNeighboursTest {
    private static final GeometryFactory GF = new GeometryFactory();
    private static final double SNAP = 0.5;

    @Test
    void keepsEveryTronconTheDetectorLooksAt() {
        Random rnd = new Random(20261126);
        int dropped = 0, found = 0;
        for (int round = 0; round < 200; round++) {
            List<Coordinate> nodes = new ArrayList<>();
            for (int i = 0; i < 150; i++) nodes.add(new Coordinate(rnd.nextInt(300), rnd.nextInt(300)));
            Map<String, Feature> ancestor = new LinkedHashMap<>(), merged = new LinkedHashMap<>();
            Set<String> touched = new HashSet<>();
            List<GeometryValue> seeds = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String key = "S" + i;
                Feature was = line(i, rnd, nodes);
                ancestor.put(key, was);
                seeds.add(was.geometry());
                touched.add(key);
                if (rnd.nextInt(4) > 0) { // moved (else removed)
                    Feature now = line(i, rnd, nodes);
                    merged.put(key, now);
                    seeds.add(now.geometry());
                }
            }
            Map<String, Feature> unchanged = new LinkedHashMap<>();
            for (int i = 0; i < 40; i++) unchanged.put("U" + i, line(100 + i, rnd, nodes));
            NetworkNeighbours nn = new NetworkNeighbours(SNAP, seeds), probe = new NetworkNeighbours(SNAP, seeds);
            Map<String, Feature> kept = new LinkedHashMap<>();
            List<String> refused = new ArrayList<>();
            unchanged.forEach((k, f) -> {
                boolean may = nn.mayNeed(f.geometry().envelope());
                if (!may) assertFalse(probe.needed(f.geometry()), "the bounds prefilter refused a needed line: " + k);
                if (may && nn.needed(f.geometry())) kept.put(k, f);
                else refused.add(k);
            });
            for (String k : refused) if (nn.nearAddedEnds(unchanged.get(k).geometry())) kept.put(k, unchanged.get(k));
            dropped += unchanged.size() - kept.size();
            List<String> all = ids(detect(ancestor, merged, touched, unchanged));
            List<String> some = ids(detect(ancestor, merged, touched, kept));
            assertEquals(all, some, "round " + round);
            found += all.size();
        }
        assertTrue(found > 20, "the random networks disconnect something: " + found);
        assertTrue(dropped > 1000, "most unchanged tronçons are not needed: " + dropped);
    }

    /**
     * A batch's judge (the seeds' runs built on first use) answers as {@link NetworkNeighbours#neededEnds}: long wiggly
     * seed lines, some two-part, and candidates whose ends lie on, near, at the snap distance from, or far from them.
     */
    @Test
    void judgeAnswersAsNeededEnds() {
        Random rnd = new Random(7);
        int needed = 0, passing = 0, none = 0;
        for (int round = 0; round < 40; round++) {
            List<GeometryValue> seeds = new ArrayList<>();
            List<Coordinate> seedPoints = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Coordinate[] cs = walk(rnd, 20 + rnd.nextInt(180));
                for (Coordinate c : cs) seedPoints.add(c);
                org.locationtech.jts.geom.Geometry g = rnd.nextInt(4) == 0
                        ? GF.createMultiLineString(new org.locationtech.jts.geom.LineString[]{GF.createLineString(cs), GF.createLineString(walk(rnd, 30))})
                        : GF.createLineString(cs);
                seeds.add(GeometryValue.ofWkb(IsoWkb.write(g, false, false)));
            }
            NetworkNeighbours nn = new NetworkNeighbours(SNAP, seeds);
            NetworkNeighbours.Judge judge = nn.judge();
            for (int k = 0; k < 300; k++) {
                Coordinate a = near(rnd, seedPoints), b = near(rnd, seedPoints);
                Coordinate[] cs = rnd.nextBoolean() ? new Coordinate[]{a, b} : new Coordinate[]{a, new Coordinate((a.x + b.x) / 2, (a.y + b.y) / 2 + 3), b};
                GeometryValue g = GeometryValue.ofWkb(IsoWkb.write(GF.createLineString(cs), false, false));
                List<Coordinate> expected = nn.neededEnds(g);
                assertEquals(expected, judge.neededEnds(g), "round " + round + ", candidate " + k);
                if (expected == null) none++;
                else if (expected.isEmpty()) passing++;
                else needed++;
            }
        }
        assertTrue(needed > 500 && passing > 5 && none > 500, needed + " / " + passing + " / " + none);
    }

    /** A random walk of {@code n} points. */
    private static Coordinate[] walk(Random rnd, int n) {
        Coordinate[] cs = new Coordinate[n];
        double x = rnd.nextInt(200), y = rnd.nextInt(200);
        for (int i = 0; i < n; i++) {
            cs[i] = new Coordinate(x, y);
            x += rnd.nextDouble() * 4 - 1;
            y += rnd.nextDouble() * 4 - 2;
        }
        return cs;
    }

    /** A point on a seed vertex, within the snap of one, at exactly the snap along x, or anywhere. */
    private static Coordinate near(Random rnd, List<Coordinate> seedPoints) {
        Coordinate p = seedPoints.get(rnd.nextInt(seedPoints.size()));
        switch (rnd.nextInt(4)) {
            case 0: return p.copy();
            case 1: return new Coordinate(p.x + (rnd.nextDouble() - 0.5) * SNAP, p.y + (rnd.nextDouble() - 0.5) * SNAP);
            case 2: return new Coordinate(p.x + SNAP, p.y);
            default: return new Coordinate(rnd.nextDouble() * 400, rnd.nextDouble() * 400);
        }
    }

    private static List<Conflict> detect(Map<String, Feature> ancestor, Map<String, Feature> merged, Set<String> touched, Map<String, Feature> unchanged) {
        Map<String, Feature> a = new LinkedHashMap<>(ancestor), m = new LinkedHashMap<>(merged);
        a.putAll(unchanged);
        m.putAll(unchanged);
        return new DisconnectedDetector(SNAP).detect(new LayerState("troncon_hydrographique", m, Map.of(), a, Map.of(), touched));
    }

    private static List<String> ids(List<Conflict> cs) {
        List<String> out = new ArrayList<>();
        for (Conflict c : cs) out.add(c.id() + " " + c.message());
        out.sort(null);
        return out;
    }

    /** A line from a node to a nearby one through a vertex near their middle; ends are sometimes moved slightly within snap. */
    static Feature line(int fid, Random rnd, List<Coordinate> nodes) {
        Coordinate from = nodes.get(rnd.nextInt(nodes.size()));
        List<Coordinate> near = new ArrayList<>();
        for (Coordinate n : nodes) if (n != from && n.distance(from) < 40) near.add(n);
        Coordinate to = near.isEmpty() ? new Coordinate(from.x + 10, from.y) : near.get(rnd.nextInt(near.size()));
        Coordinate a = jitter(from, rnd), b = jitter(to, rnd);
        Coordinate mid = new Coordinate((a.x + b.x) / 2 + rnd.nextInt(9) - 4, (a.y + b.y) / 2 + rnd.nextInt(9) - 4);
        byte[] wkb = IsoWkb.write(GF.createLineString(new Coordinate[]{a, mid, b}), false, false);
        return new Feature(fid, new Object[0], GeometryValue.ofWkb(wkb));
    }

    private static Coordinate jitter(Coordinate c, Random rnd) {
        return rnd.nextBoolean() ? c.copy() : new Coordinate(c.x + (rnd.nextDouble() - 0.5) * 0.4, c.y + (rnd.nextDouble() - 0.5) * 0.4);
    }
}
