package fr.bdfsync.core.match;

import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.io.Dataset;
import fr.bdfsync.core.io.Datasets;
import fr.bdfsync.core.io.FeatureCursor;
import fr.bdfsync.core.testsupport.RealData;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;

import java.util.Random;
import java.util.function.Consumer;

/** Polygons for the tests that compare our geometry code with JTS's, bit for bit: seeded random ones and Redon's. */
final class PolygonSamples {
    private PolygonSamples() {
    }

    /** A star-shaped ring; with {@code grid}, vertices rounded to a 1 m grid, so that many share a row or a column. */
    static Coordinate[] star(Random rnd, double cx, double cy, double r, int n, boolean reversed, boolean grid) {
        Coordinate[] cs = new Coordinate[n + 1];
        for (int k = 0; k < n; k++) {
            double t = 2 * Math.PI * (reversed ? n - k : k) / n;
            double rr = r * (0.5 + 0.5 * rnd.nextDouble());
            double x = cx + rr * Math.cos(t);
            double y = cy + rr * Math.sin(t);
            cs[k] = grid ? new Coordinate(Math.rint(x), Math.rint(y)) : new Coordinate(x, y);
        }
        cs[n] = cs[0].copy();
        return cs;
    }

    /**
     * The {@code i}-th polygon of a random series in Lambert-93: star-shaped parts in either orientation, a multipolygon
     * of 2-3 parts every fifth one, holes every third one (one at the part's centre, or with {@code severalHoles} one or
     * two spread around it).
     */
    static Geometry random(Random rnd, GeometryFactory gf, int i, boolean grid, boolean severalHoles) {
        double cx = 300000 + rnd.nextDouble() * 900000;
        double cy = 6000000 + rnd.nextDouble() * 1100000;
        int parts = i % 5 == 0 ? 2 + rnd.nextInt(2) : 1;
        Polygon[] ps = new Polygon[parts];
        for (int p = 0; p < parts; p++) {
            double r = 5 + rnd.nextDouble() * 300;
            LinearRing shell = gf.createLinearRing(star(rnd, cx + p * 3 * r, cy, r, 3 + rnd.nextInt(200), rnd.nextBoolean(), grid));
            LinearRing[] holes = new LinearRing[i % 3 != 0 ? 0 : severalHoles ? 1 + rnd.nextInt(2) : 1];
            for (int h = 0; h < holes.length; h++) {
                double dx = severalHoles ? (h - 0.5) * r * 0.5 : 0;
                holes[h] = gf.createLinearRing(star(rnd, cx + p * 3 * r + dx, cy, r * 0.2, 3 + rnd.nextInt(20), rnd.nextBoolean(), grid));
            }
            ps[p] = gf.createPolygon(shell, holes);
        }
        return parts == 1 ? ps[0] : gf.createMultiPolygon(ps);
    }

    /** Every polygon of the real Redon extract's areal layers, read as the attach reads them; returns how many. */
    static int redon(Consumer<Geometry> test) throws ParseException {
        int n = 0;
        try (Dataset d = Datasets.open(RealData.file(RealData.REDON))) {
            for (String layer : new String[]{"zone_de_vegetation", "surface_hydrographique", "plan_d_eau", "commune"}) {
                try (FeatureCursor c = d.read(layer)) {
                    while (c.hasNext()) {
                        Feature f = c.next();
                        if (f.geometry() == null) continue;
                        test.accept(PackedWkb.read(f.geometry().wkb(), LocalFeatures.PACKED));
                        n++;
                    }
                }
            }
        }
        return n;
    }
}
