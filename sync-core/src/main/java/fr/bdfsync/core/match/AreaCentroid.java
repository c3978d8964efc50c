package fr.bdfsync.core.match;

import org.locationtech.jts.algorithm.CGAlgorithmsDD;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * The centroid of a polygon or multipolygon as JTS 1.20's {@code Geometry.getCentroid()} computes it, operation for
 * operation (the same triangle fan from each shell's first vertex, in the same order, with the same orientation test),
 * read from the coordinate sequences in place: JTS copies every ring into a new coordinate array and also sums the
 * segments' lengths and midpoints (a {@code hypot} per segment) for a line centroid it uses only when the area is zero
 * (a twentieth of the attach samples). Anything else (points, lines, empty parts, a zero area) is left to JTS. Tested
 * bit for bit against JTS on random and real polygons ({@code AreaCentroidTest}).
 */
final class AreaCentroid {
    private AreaCentroid() {
    }

    static Point of(Geometry g) {
        if (g.isEmpty() || !(g instanceof Polygon || g instanceof MultiPolygon)) return g.getCentroid();
        Sums sums = new Sums();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Polygon p = (Polygon) g.getGeometryN(i);
            if (p.isEmpty()) return g.getCentroid();
            CoordinateSequence shell = p.getExteriorRing().getCoordinateSequence();
            sums.baseX = shell.getX(0); // JTS sets the fan's base point at every shell, holes use their shell's
            sums.baseY = shell.getY(0);
            sums.add(shell, !isCCW(shell));
            for (int h = 0; h < p.getNumInteriorRing(); h++) {
                CoordinateSequence hole = p.getInteriorRingN(h).getCoordinateSequence();
                if (hole.size() == 0) return g.getCentroid();
                sums.add(hole, isCCW(hole));
            }
        }
        if (!(Math.abs(sums.area2) > 0.0)) return g.getCentroid();
        Coordinate c = new Coordinate();
        c.x = sums.x / 3 / sums.area2;
        c.y = sums.y / 3 / sums.area2;
        return g.getFactory().createPoint(c);
    }

    /**
     * JTS 1.20's {@code Orientation.isCCW(CoordinateSequence)}, step for step (checked against its bytecode): the last
     * upward segment reaching the highest y, the downward segment that leaves that height, then either the robust
     * orientation at a single top vertex or the direction of a flat top; on the ordinates in place, where JTS makes a
     * coordinate object per vertex. Rings of fewer than four points are not counter-clockwise, as in JTS.
     */
    static boolean isCCW(CoordinateSequence ring) {
        int nPts = ring.size() - 1;
        if (nPts < 3) return false;
        double hiX = ring.getX(0); // the upward segment reaching the highest point: (lowX, lowY) -> (hiX, hiY)
        double hiY = ring.getY(0);
        double lowX = Double.NaN;
        double lowY = Double.NaN;
        double prevY = hiY;
        int iUpHi = 0;
        for (int i = 1; i <= nPts; i++) {
            double py = ring.getY(i);
            if (py > prevY && py >= hiY) {
                hiX = ring.getX(i);
                hiY = py;
                iUpHi = i;
                lowX = ring.getX(i - 1);
                lowY = ring.getY(i - 1);
            }
            prevY = py;
        }
        if (iUpHi == 0) return false; // no upward segment: flat
        int iDownLow = iUpHi;
        do {
            iDownLow = (iDownLow + 1) % nPts;
        } while (iDownLow != iUpHi && ring.getY(iDownLow) == hiY);
        double downLowX = ring.getX(iDownLow);
        double downLowY = ring.getY(iDownLow);
        int iDownHi = iDownLow > 0 ? iDownLow - 1 : nPts - 1;
        double downHiX = ring.getX(iDownHi);
        double downHiY = ring.getY(iDownHi);
        if (hiX == downHiX && hiY == downHiY) { // a single top vertex
            if ((lowX == hiX && lowY == hiY) || (downLowX == hiX && downLowY == hiY) || (lowX == downLowX && lowY == downLowY)) return false;
            // JTS's Orientation.index on coordinates is this call on their x and y
            return CGAlgorithmsDD.orientationIndex(lowX, lowY, hiX, hiY, downLowX, downLowY) == Orientation.COUNTERCLOCKWISE;
        }
        return downHiX - hiX < 0; // a flat top: counter-clockwise when it runs westward
    }

    /** JTS's {@code Centroid} sums: three times the area-weighted centroid, and twice the signed area. */
    private static final class Sums {
        double baseX;
        double baseY;
        double x;
        double y;
        double area2;

        /** JTS's {@code addTriangle} for each segment of the ring, from the base point. */
        void add(CoordinateSequence ring, boolean positive) {
            double sign = positive ? 1.0 : -1.0;
            double px = ring.getX(0);
            double py = ring.getY(0);
            for (int i = 0; i < ring.size() - 1; i++) {
                double qx = ring.getX(i + 1);
                double qy = ring.getY(i + 1);
                double cx = baseX + px + qx;
                double cy = baseY + py + qy;
                double a2 = (px - baseX) * (qy - baseY) - (qx - baseX) * (py - baseY);
                x += sign * a2 * cx;
                y += sign * a2 * cy;
                area2 += sign * a2;
                px = qx;
                py = qy;
            }
        }
    }
}
