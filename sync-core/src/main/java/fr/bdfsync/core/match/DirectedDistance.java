package fr.bdfsync.core.match;

import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.operation.distance.IndexedFacetDistance;

/**
 * One-sided discrete Hausdorff distance: the largest distance from a vertex of {@code from} to {@code to}.
 * When {@code to} is a polygon, a vertex inside it is at distance 0 (distance to the area, not to its boundary).
 * Written here because JTS 1.20 only exposes the symmetric discrete Hausdorff distance.
 */
public final class DirectedDistance {
    private DirectedDistance() {
    }

    public static double of(Geometry from, Geometry to) {
        if (from.isEmpty() || to.isEmpty()) return Double.NaN;
        IndexedFacetDistance facets = new IndexedFacetDistance(to);
        IndexedPointInAreaLocator inside = to instanceof Polygonal ? new IndexedPointInAreaLocator(to) : null;
        double max = 0;
        for (Coordinate c : from.getCoordinates()) {
            if (inside != null && inside.locate(c) != Location.EXTERIOR) continue;
            double d = facets.distance(from.getFactory().createPoint(c));
            if (d > max) max = d;
        }
        return max;
    }

    /** The same, to the boundary of {@code to} (or to the line itself when {@code to} is not areal). */
    public static double toFacets(Geometry from, Geometry to) {
        if (from.isEmpty() || to.isEmpty()) return Double.NaN;
        IndexedFacetDistance facets = new IndexedFacetDistance(to);
        double max = 0;
        for (Coordinate c : from.getCoordinates()) max = Math.max(max, facets.distance(from.getFactory().createPoint(c)));
        return max;
    }
}
