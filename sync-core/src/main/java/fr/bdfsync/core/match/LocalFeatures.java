package fr.bdfsync.core.match;

import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.GeometryValue;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.impl.PackedCoordinateSequenceFactory;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.io.ParseException;

import java.util.List;

/** Parsing and checking of local geometries (held in packed coordinate sequences to save memory). */
final class LocalFeatures {
    static final GeometryFactory PACKED = new GeometryFactory(PackedCoordinateSequenceFactory.DOUBLE_FACTORY);

    private LocalFeatures() {
    }

    /** True when every x and y is a finite number (read in place: no coordinate objects). */
    static boolean finite(Geometry g) {
        boolean[] ok = {true};
        g.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence seq, int i) {
                if (!Double.isFinite(seq.getX(i)) || !Double.isFinite(seq.getY(i))) ok[0] = false;
            }

            @Override
            public boolean isDone() {
                return !ok[0];
            }

            @Override
            public boolean isGeometryChanged() {
                return false;
            }
        });
        return ok[0];
    }

    /** A usable geometry, or null after adding one line to {@code problems}. */
    static Geometry parse(Feature f, boolean repair, List<String> problems) {
        Checked c = check(f, repair, problems);
        return c == null ? null : c.geometry();
    }

    /**
     * A geometry that {@link #check} accepted; {@code repaired} when it is JTS's repair of an invalid polygon rather
     * than the stored geometry as parsed (then it cannot be had again by parsing the stored bytes).
     */
    record Checked(Geometry geometry, boolean repaired) {
    }

    /** As {@link #parse}, telling a repaired geometry apart; null after adding one line to {@code problems}. */
    static Checked check(Feature f, boolean repair, List<String> problems) {
        GeometryValue gv = f.geometry();
        if (gv == null) {
            problems.add("fid " + f.fid() + ": no geometry, skipped");
            return null;
        }
        Geometry g;
        try {
            g = PackedWkb.read(gv, PACKED);
        } catch (ParseException | RuntimeException e) {
            problems.add("fid " + f.fid() + ": geometry does not parse (" + e.getMessage() + "), skipped");
            return null;
        }
        if (g.isEmpty()) {
            problems.add("fid " + f.fid() + ": empty geometry, skipped");
            return null;
        }
        // a polygon that SimpleShell settles has every coordinate finite (it reads them all): no second pass for that
        boolean settled = g.getDimension() == 2 && SimpleShell.surelyValid(g);
        if (!settled && !finite(g)) {
            problems.add("fid " + f.fid() + ": NaN or infinite coordinate, skipped");
            return null;
        }
        if (g.getDimension() == 2 && !settled && !g.isValid()) {
            if (!repair) {
                problems.add("fid " + f.fid() + ": invalid polygon (e.g. self-intersection), skipped");
                return null;
            }
            Geometry fixed = GeometryFixer.fix(g);
            if (fixed.isEmpty() || fixed.getDimension() != 2) {
                problems.add("fid " + f.fid() + ": invalid polygon that does not repair (collapsed to a line or a point), skipped");
                return null;
            }
            problems.add("fid " + f.fid() + ": invalid polygon, repaired");
            return new Checked(fixed, true);
        }
        return new Checked(g, false);
    }
}
