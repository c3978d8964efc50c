package fr.bdfsync.core.io.shp;

import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.algorithm.PointLocation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the rings of a Shapefile polygon record into polygons with holes. The format says outer rings run
 * clockwise and holes counter-clockwise; each hole goes to the smallest outer ring that contains it. A hole
 * that no outer ring contains becomes a polygon of its own (as GDAL reads it), and a record whose rings all
 * run counter-clockwise (written by a tool that ignored the rule) is read as that many outer rings.
 */
final class RingAssembler {
    private RingAssembler() {
    }

    static MultiPolygon assemble(LinearRing[] rings, GeometryFactory factory) {
        List<LinearRing> outers = new ArrayList<>();
        List<LinearRing> holes = new ArrayList<>();
        for (LinearRing r : rings) {
            if (Orientation.isCCW(r.getCoordinateSequence())) holes.add(r);
            else outers.add(r);
        }
        if (outers.isEmpty()) {
            outers = holes;
            holes = List.of();
        }
        List<List<LinearRing>> holesOf = new ArrayList<>();
        for (int i = 0; i < outers.size(); i++) holesOf.add(new ArrayList<>());
        double[] areas = new double[outers.size()];
        for (int i = 0; i < outers.size(); i++) areas[i] = Math.abs(org.locationtech.jts.algorithm.Area.ofRing(outers.get(i).getCoordinateSequence()));
        List<LinearRing> orphans = new ArrayList<>();
        for (LinearRing hole : holes) {
            int best = -1;
            for (int i = 0; i < outers.size(); i++) {
                if ((best < 0 || areas[i] < areas[best]) && contains(outers.get(i), hole)) best = i;
            }
            if (best >= 0) holesOf.get(best).add(hole);
            else orphans.add(hole);
        }
        boolean[] demoted = demoteMisorientedHoles(outers, areas, holesOf);
        List<Polygon> polys = new ArrayList<>();
        for (int i = 0; i < outers.size(); i++) {
            if (!demoted[i]) polys.add(factory.createPolygon(outers.get(i), holesOf.get(i).toArray(new LinearRing[0])));
        }
        for (LinearRing orphan : orphans) polys.add(factory.createPolygon(orphan));
        return factory.createMultiPolygon(polys.toArray(new Polygon[0]));
    }

    /**
     * An outer ring without holes that lies inside another outer ring, and not inside one of that ring's holes,
     * would make the parts overlap: it is a hole written clockwise (GDAL's writer does so when a hole's first
     * vertex touches the shell), and becomes a hole of the smallest such ring. An island inside a hole stays a
     * polygon of its own. Returns which outer rings were moved.
     */
    private static boolean[] demoteMisorientedHoles(List<LinearRing> outers, double[] areas, List<List<LinearRing>> holesOf) {
        boolean[] demoted = new boolean[outers.size()];
        if (outers.size() < 2) return demoted;
        for (int r = 0; r < outers.size(); r++) {
            if (!holesOf.get(r).isEmpty()) continue;
            int best = -1;
            for (int s = 0; s < outers.size(); s++) {
                if (s == r || demoted[s] || areas[s] <= areas[r] || (best >= 0 && areas[s] >= areas[best])) continue;
                if (!contains(outers.get(s), outers.get(r))) continue;
                boolean inHole = false;
                for (LinearRing h : holesOf.get(s)) {
                    if (contains(h, outers.get(r))) {
                        inHole = true;
                        break;
                    }
                }
                if (!inHole) best = s;
            }
            if (best >= 0) {
                holesOf.get(best).add(outers.get(r));
                demoted[r] = true;
            }
        }
        return demoted;
    }

    /** True when the outer ring contains the hole: envelopes nest and a vertex of the hole not on the outer's boundary lies inside. */
    private static boolean contains(LinearRing outer, LinearRing hole) {
        Envelope eo = outer.getEnvelopeInternal();
        if (!eo.covers(hole.getEnvelopeInternal())) return false;
        Coordinate[] ring = outer.getCoordinates();
        CoordinateSequence h = hole.getCoordinateSequence();
        for (int i = 0; i < h.size(); i++) {
            int loc = PointLocation.locateInRing(h.getCoordinate(i), ring);
            if (loc == Location.INTERIOR) return true;
            if (loc == Location.EXTERIOR) return false;
        }
        return true; // every vertex on the boundary: treat as contained
    }
}
