package fr.bdfsync.core.match;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.algorithm.CGAlgorithmsDD;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The monotone-chain version of {@link SimpleShell}: never valid where JTS says invalid, and accepting every polygon
 * the band version ({@link SimpleShellBands}, as on main before) accepted, on seeded random polygons of the kinds the
 * attach meets (noisy, densified with long collinear runs, with holes) and invalid ones (crossing, self-touching,
 * spikes along a densified edge, holes nested, touching or outside); and the inlined orientation filter gives JTS's
 * answers.
 */
class SimpleShellChainsTest {
    private static final GeometryFactory GF = new GeometryFactory();

    @Test
    void chainsAcceptWhatBandsAcceptAndNothingJtsRejects() {
        Random rnd = new Random(20261126);
        int[] kinds = new int[8];
        int settled = 0;
        int invalid = 0;
        int bandsSettled = 0;
        int[] settledByKind = new int[kinds.length];
        int[] invalidByKind = new int[kinds.length];
        for (int n = 0; n < 6000; n++) {
            int kind = n % kinds.length;
            Geometry g;
            try {
                g = polygon(rnd, kind);
            } catch (IllegalArgumentException e) {
                continue; // a ring that does not close or has too few points
            }
            kinds[kind]++;
            boolean valid = g.isValid();
            boolean chains = SimpleShell.surelyValid(g);
            boolean bands = SimpleShellBands.surelyValid(g);
            if (chains) {
                assertTrue(valid, "kind " + kind + ", polygon " + n + ": " + g);
                settled++;
                settledByKind[kind]++;
            }
            if (bands) {
                assertTrue(chains, "kind " + kind + ", polygon " + n + " settled by bands only: " + g);
                bandsSettled++;
            }
            if (!valid) {
                invalid++;
                invalidByKind[kind]++;
            }
        }
        String counts = settled + " settled (bands " + bandsSettled + "), " + invalid + " invalid, by kind " + java.util.Arrays.toString(kinds)
                + ", settled by kind " + java.util.Arrays.toString(settledByKind) + ", invalid by kind " + java.util.Arrays.toString(invalidByKind);
        System.out.println(counts);
        assertTrue(settled > 1500 && invalid > 1500 && settled >= bandsSettled, counts);
    }

    /** The orientation filter inlined in SimpleShell answers as CGAlgorithmsDD.orientationIndex, near-collinear cases included. */
    @Test
    void orientationAsJts() {
        Random rnd = new Random(7);
        double[] x = new double[3];
        double[] y = new double[3];
        int collinear = 0;
        for (int n = 0; n < 200_000; n++) {
            double bx = 600_000 + rnd.nextDouble() * 1000;
            double by = 6_700_000 + rnd.nextDouble() * 1000;
            double dx = (rnd.nextDouble() - 0.5) * 100;
            double dy = (rnd.nextDouble() - 0.5) * 100;
            x[0] = bx;
            y[0] = by;
            x[1] = bx + dx;
            y[1] = by + dy;
            double t = rnd.nextInt(4) == 0 ? rnd.nextInt(5) : rnd.nextDouble() * 3 - 1;
            double off = switch (n % 4) {
                case 0 -> 0;
                case 1 -> Math.ulp(bx) * (rnd.nextInt(5) - 2);
                case 2 -> (rnd.nextDouble() - 0.5) * 1e-9;
                default -> (rnd.nextDouble() - 0.5) * 10;
            };
            x[2] = bx + t * dx + off;
            y[2] = by + t * dy - off;
            if (n % 16 == 0) { // on a grid: exact collinearity
                x[1] = Math.rint(x[1]);
                y[1] = Math.rint(y[1]);
                x[0] = Math.rint(x[0]);
                y[0] = Math.rint(y[0]);
                x[2] = x[1] + (x[1] - x[0]) * (rnd.nextInt(5) - 2);
                y[2] = y[1] + (y[1] - y[0]) * (rnd.nextInt(5) - 2);
            }
            int jts = CGAlgorithmsDD.orientationIndex(x[0], y[0], x[1], y[1], x[2], y[2]);
            assertEquals(jts, SimpleShell.orientation(x, y, 0, 1, 2), n + ": " + java.util.Arrays.toString(x) + " " + java.util.Arrays.toString(y));
            if (jts == 0) collinear++;
        }
        assertTrue(collinear > 5_000, collinear + " collinear");
    }

    /**
     * A random polygon of one kind: 0 noisy star, 1 star densified (edges cut into many collinear pieces, on a grid or
     * interpolated), 2 densified star with holes, 3 a densified ring with a spike out and back along an edge or a
     * vertex pushed onto another edge, 4 thin densified shapes (long chains running close together, crossing at times),
     * 5 stars with holes that may touch, cross, nest or lie outside, 6 bow ties and crossings in a densified ring,
     * 7 a coarse grid (repeated and touching vertices).
     */
    private static Geometry polygon(Random rnd, int kind) {
        double r = 20 + rnd.nextDouble() * 300;
        double cx = 600_000 + rnd.nextDouble() * 1000;
        double cy = 6_700_000 + rnd.nextDouble() * 1000;
        double grid = rnd.nextInt(3) == 0 ? 0.5 : 0.01;
        switch (kind) {
            case 0 -> {
                return GF.createPolygon(SimpleShellTest.star(rnd, cx, cy, r, 8 + rnd.nextInt(300), 0.3, grid));
            }
            case 1 -> {
                return GF.createPolygon(densify(rnd, SimpleShellTest.star(rnd, cx, cy, r, 4 + rnd.nextInt(30), 0.3, grid), 1 + rnd.nextDouble() * 4, grid));
            }
            case 2 -> {
                Coordinate[] shell = densify(rnd, SimpleShellTest.star(rnd, cx, cy, r, 4 + rnd.nextInt(30), 0.2, grid), 2, grid);
                int holes = 1 + rnd.nextInt(4);
                List<LinearRing> hs = new ArrayList<>();
                for (int h = 0; h < holes; h++) {
                    double a = rnd.nextDouble() * 2 * Math.PI;
                    double d = rnd.nextDouble() * r * (rnd.nextInt(4) == 0 ? 1.1 : 0.5);
                    Coordinate[] ring = densify(rnd, SimpleShellTest.star(rnd, cx + d * Math.cos(a), cy + d * Math.sin(a), r * (0.05 + rnd.nextDouble() * 0.2),
                            3 + rnd.nextInt(10), 0.2, grid), 1 + rnd.nextDouble() * 3, grid);
                    hs.add(GF.createLinearRing(ring));
                }
                return GF.createPolygon(GF.createLinearRing(shell), hs.toArray(LinearRing[]::new));
            }
            case 3 -> {
                Coordinate[] ring = densify(rnd, SimpleShellTest.star(rnd, cx, cy, r, 4 + rnd.nextInt(12), 0.2, grid), 2, grid);
                List<Coordinate> cs = new ArrayList<>(List.of(ring).subList(0, ring.length - 1));
                int k = 1 + rnd.nextInt(cs.size() - 2);
                if (rnd.nextBoolean()) { // a spike: out along the edge's line and back (or a step back onto it)
                    Coordinate p = cs.get(k);
                    Coordinate q = cs.get(k - 1);
                    double f = rnd.nextInt(3) == 0 ? -0.5 : 1 + rnd.nextInt(3);
                    cs.add(k + 1, new Coordinate(p.x + (p.x - q.x) * f, p.y + (p.y - q.y) * f));
                    cs.add(k + 2, new Coordinate(p.x, p.y));
                    if (rnd.nextBoolean()) cs.remove(k + 2);
                } else { // a vertex moved onto another vertex or the middle of another edge
                    int m = (k + 2 + rnd.nextInt(cs.size() - 3)) % cs.size();
                    Coordinate a = cs.get(m);
                    Coordinate b = cs.get((m + 1) % cs.size());
                    cs.set(k, rnd.nextBoolean() ? new Coordinate(a) : new Coordinate((a.x + b.x) / 2, (a.y + b.y) / 2));
                }
                cs.add(new Coordinate(cs.get(0)));
                return GF.createPolygon(cs.toArray(Coordinate[]::new));
            }
            case 4 -> { // a thin zigzag band: two long densified sides, sometimes crossing
                int n = 2 + rnd.nextInt(6);
                double w = rnd.nextDouble() * 3 - 0.5;
                List<Coordinate> cs = new ArrayList<>();
                for (int i = 0; i <= n; i++) cs.add(new Coordinate(cx + i * r / n, cy + (i % 2) * r / 4 + (rnd.nextDouble() - 0.5)));
                for (int i = n; i >= 0; i--) cs.add(new Coordinate(cx + i * r / n + (rnd.nextDouble() - 0.5) * 2, cy + (i % 2) * r / 4 + w + rnd.nextDouble() * 0.5));
                cs.add(new Coordinate(cs.get(0)));
                return GF.createPolygon(densify(rnd, cs.toArray(Coordinate[]::new), 0.5 + rnd.nextDouble() * 2, grid));
            }
            case 5 -> {
                Coordinate[] shell = SimpleShellTest.star(rnd, cx, cy, r, 8 + rnd.nextInt(60), 0.3, grid);
                int holes = 1 + rnd.nextInt(6);
                List<LinearRing> hs = new ArrayList<>();
                for (int h = 0; h < holes; h++) {
                    double a = rnd.nextDouble() * 2 * Math.PI;
                    double d = rnd.nextDouble() * r * (rnd.nextInt(3) == 0 ? 1.2 : 0.6);
                    double hr = rnd.nextInt(6) == 0 ? r * 0.5 : r * (0.02 + rnd.nextDouble() * 0.15);
                    hs.add(GF.createLinearRing(SimpleShellTest.star(rnd, cx + d * Math.cos(a), cy + d * Math.sin(a), hr, 3 + rnd.nextInt(20), 0.2, grid)));
                }
                return GF.createPolygon(GF.createLinearRing(shell), hs.toArray(LinearRing[]::new));
            }
            case 6 -> { // a ring whose vertices are visited out of order (crossings), densified
                Coordinate[] ring = SimpleShellTest.star(rnd, cx, cy, r, 5 + rnd.nextInt(20), 0.2, grid);
                int i = rnd.nextInt(ring.length - 1);
                int j = rnd.nextInt(ring.length - 1);
                Coordinate t = ring[i];
                ring[i] = ring[j];
                ring[j] = t;
                ring[ring.length - 1] = new Coordinate(ring[0]);
                return GF.createPolygon(densify(rnd, ring, 1 + rnd.nextDouble() * 5, grid));
            }
            default -> {
                return GF.createPolygon(SimpleShellTest.star(rnd, cx, cy, r / 10, 6 + rnd.nextInt(60), 0.6, 2));
            }
        }
    }

    /**
     * The ring with each edge cut every {@code step} or so: interpolated points (collinear up to rounding), or, on a
     * coarse grid, points snapped to it (repeated or slightly off the line at times).
     */
    private static Coordinate[] densify(Random rnd, Coordinate[] ring, double step, double grid) {
        List<Coordinate> out = new ArrayList<>();
        boolean snap = grid >= 0.5 && rnd.nextBoolean();
        for (int i = 0; i + 1 < ring.length; i++) {
            Coordinate a = ring[i];
            Coordinate b = ring[i + 1];
            out.add(new Coordinate(a));
            int pieces = (int) Math.min(400, Math.ceil(a.distance(b) / step));
            for (int k = 1; k < pieces; k++) {
                double t = (double) k / pieces;
                double px = a.x + (b.x - a.x) * t;
                double py = a.y + (b.y - a.y) * t;
                if (snap) {
                    px = Math.rint(px / grid) * grid;
                    py = Math.rint(py / grid) * grid;
                }
                out.add(new Coordinate(px, py));
            }
        }
        // snapping may repeat a point: repeats dropped, the ring closed again
        List<Coordinate> kept = new ArrayList<>();
        for (Coordinate c : out) if (kept.isEmpty() || !kept.get(kept.size() - 1).equals2D(c)) kept.add(c);
        if (!kept.get(kept.size() - 1).equals2D(kept.get(0))) kept.add(new Coordinate(kept.get(0)));
        return kept.toArray(Coordinate[]::new);
    }
}
