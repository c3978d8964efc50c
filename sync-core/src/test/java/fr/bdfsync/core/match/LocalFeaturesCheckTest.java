package fr.bdfsync.core.match;

import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.GeometryValue;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.io.WKBWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link LocalFeatures#check} skips its finiteness pass for polygons that SimpleShell settles: the same answers and
 * problem lines as checking finiteness first (as before), on random polygons valid, invalid, with holes and with a NaN
 * or infinite coordinate in the shell or a hole, repair on and off.
 */
class LocalFeaturesCheckTest {
    private static final GeometryFactory GF = new GeometryFactory();

    @Test
    void sameAnswersAsFinitenessFirst() {
        Random rnd = new Random(99);
        int nonFinite = 0;
        int invalid = 0;
        for (int n = 0; n < 3000; n++) {
            Geometry g;
            try {
                g = polygon(rnd, n);
            } catch (IllegalArgumentException e) {
                continue;
            }
            byte[] wkb = new WKBWriter(2).write(g);
            Feature f = new Feature(n, new Object[0], GeometryValue.ofWkb(wkb));
            for (boolean repair : new boolean[]{false, true}) {
                List<String> got = new ArrayList<>();
                LocalFeatures.Checked c = LocalFeatures.check(f, repair, got);
                List<String> want = new ArrayList<>();
                Geometry parsed = expected(f, repair, want);
                assertEquals(want, got, "polygon " + n);
                assertEquals(parsed == null, c == null, "polygon " + n);
                if (c != null) assertTrue(parsed.equalsExact(c.geometry()), "polygon " + n);
                if (!repair && !want.isEmpty() && want.get(0).contains("NaN")) nonFinite++;
                if (!repair && !want.isEmpty() && want.get(0).contains("invalid")) invalid++;
            }
        }
        assertTrue(nonFinite > 300 && invalid > 200, nonFinite + " non-finite, " + invalid + " invalid");
    }

    /** The check as it was: finiteness first, then SimpleShell or JTS. */
    private static Geometry expected(Feature f, boolean repair, List<String> problems) {
        Geometry g;
        try {
            g = PackedWkb.read(f.geometry(), LocalFeatures.PACKED);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        if (!LocalFeatures.finite(g)) {
            problems.add("fid " + f.fid() + ": NaN or infinite coordinate, skipped");
            return null;
        }
        if (!SimpleShellBands.surelyValid(g) && !g.isValid()) {
            if (!repair) {
                problems.add("fid " + f.fid() + ": invalid polygon (e.g. self-intersection), skipped");
                return null;
            }
            Geometry fixed = org.locationtech.jts.geom.util.GeometryFixer.fix(g);
            if (fixed.isEmpty() || fixed.getDimension() != 2) {
                problems.add("fid " + f.fid() + ": invalid polygon that does not repair (collapsed to a line or a point), skipped");
                return null;
            }
            problems.add("fid " + f.fid() + ": invalid polygon, repaired");
            return fixed;
        }
        return g;
    }

    private static Geometry polygon(Random rnd, int n) {
        Coordinate[] shell = star(rnd, 0, 0, 100, 5 + rnd.nextInt(40), n % 3 == 0 ? 0.8 : 0.2);
        LinearRing[] holes = new LinearRing[n % 4 == 0 ? 1 + rnd.nextInt(3) : 0];
        for (int h = 0; h < holes.length; h++) {
            holes[h] = GF.createLinearRing(star(rnd, (rnd.nextDouble() - 0.5) * 120, (rnd.nextDouble() - 0.5) * 120, 5 + rnd.nextDouble() * 20, 3 + rnd.nextInt(8), 0.2));
        }
        if (n % 5 == 0) { // a NaN or infinite ordinate in the shell or a hole
            double bad = switch (rnd.nextInt(3)) {
                case 0 -> Double.NaN;
                case 1 -> Double.POSITIVE_INFINITY;
                default -> Double.NEGATIVE_INFINITY;
            };
            Coordinate[] ring = holes.length > 0 && rnd.nextBoolean() ? holes[0].getCoordinates() : shell;
            int k = 1 + rnd.nextInt(ring.length - 2);
            if (rnd.nextBoolean()) ring[k].x = bad;
            else ring[k].y = bad;
            if (ring != shell) holes[0] = GF.createLinearRing(ring);
        }
        return GF.createPolygon(GF.createLinearRing(shell), holes);
    }

    private static Coordinate[] star(Random rnd, double cx, double cy, double r, int n, double noise) {
        Coordinate[] cs = new Coordinate[n + 1];
        for (int k = 0; k < n; k++) {
            double t = 2 * Math.PI * (k + (rnd.nextDouble() - 0.5) * noise) / n;
            double rr = r * (1 - noise + noise * rnd.nextDouble());
            cs[k] = new Coordinate(Math.rint((cx + rr * Math.cos(t)) * 100) / 100, Math.rint((cy + rr * Math.sin(t)) * 100) / 100);
        }
        cs[n] = cs[0];
        return cs;
    }
}
