package fr.bdfsync.core.match;

import org.locationtech.jts.geom.Geometry;

import java.util.Map;

/**
 * Cross-representation of hedges: a line and a thin polygon (mean width, 2·area/perimeter, at most
 * {@link #MAX_WIDTH_M}) are the same hedge when the line lies in the polygon and runs along its whole axis.
 * Distance = max(one-sided distance of the line's vertices to the polygon area, one-sided distance of the outline's
 * vertices to the line minus half the width). Rule {@code hedge.line-in-polygon} reads a local line against a
 * national polygon (e.g. {@code zone_de_vegetation} of nature Haie), {@code hedge.polygon-around-line} the reverse.
 */
public final class HedgeAxisRule extends NamedRule {
    /** Widest polygon still read as a hedge strip (m). */
    public static final double MAX_WIDTH_M = 25;

    private final boolean localIsLine;

    private HedgeAxisRule(boolean localIsLine) {
        super(localIsLine ? "hedge.line-in-polygon" : "hedge.polygon-around-line", localIsLine ? 1 : 2, localIsLine ? 2 : 1);
        this.localIsLine = localIsLine;
    }

    public static HedgeAxisRule lineInPolygon() {
        return new HedgeAxisRule(true);
    }

    public static HedgeAxisRule polygonAroundLine() {
        return new HedgeAxisRule(false);
    }

    @Override
    public PairScore score(Geometry local, Geometry national, double s) {
        Geometry line = localIsLine ? local : national;
        Geometry polygon = localIsLine ? national : local;
        double width = PolygonMeasures.meanWidth(polygon);
        if (width > MAX_WIDTH_M) return null;
        double axis = PolygonMeasures.axisLength(polygon);
        double ratio = axis > 0 ? Math.min(axis, line.getLength()) / Math.max(axis, line.getLength()) : 0;
        if (ratio < SAME_SIZE_RATIO * 0.75) return null; // the axis estimate is rough: be lenient
        double lineInside = DirectedDistance.of(line, polygon);
        double outlineAlong = Math.max(0, DirectedDistance.toFacets(polygon, line) - width / 2);
        double d = Math.max(lineInside, outlineAlong);
        if (!(d <= s)) return null;
        return new PairScore(name(), Relation.SAME, Closeness.of(d, s), 1, Map.of(
                "line_to_polygon_m", lineInside, "outline_to_axis_m", outlineAlong, "polygon_width_m", width,
                "length_ratio", ratio));
    }
}
