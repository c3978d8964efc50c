package fr.bdfsync.core.conflict;

import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.OrdinateFormat;
import org.locationtech.jts.io.WKTWriter;

/**
 * The WKT of a geometry, the same text as JTS's {@code new WKTWriter(3).write(g)}, written faster for the common case
 * (13 % of a sync's CPU at 100,000 zones was {@code WKTWriter}, nearly all of it {@code DecimalFormat}).
 * <p>
 * The writer formats each ordinate with {@code DecimalFormat("0")}, at most 16 fraction digits for a floating
 * precision model, half-even rounding. {@code DecimalFormat} takes its digits from the JDK's shortest decimal form of
 * the double, the digits of {@link Double#toString(double)} (on JDK 17 and 18 both come from the same
 * {@code FloatingDecimal} converter): when those digits have at most 16 fraction digits, nothing is rounded and the text
 * is those digits in plain notation, which is what is written here. Anything else goes to JTS's own code: a number
 * that would be rounded, NaN and infinities ({@link OrdinateFormat}, as the writer does), and whole geometries that
 * are not plain 2D points, lines and polygons (a Z or M value, an empty part, a collection, a ring, another precision
 * model), or any geometry on a JDK other than 17 or 18 (from JDK 19 on, {@code Double.toString} has another algorithm,
 * and whether {@code DecimalFormat} follows it depends on the release). {@code WktTextTest} compares the text with
 * {@code WKTWriter}'s on random geometries and numbers.
 */
public final class WktText {
    /** True where {@code Double.toString} and {@code DecimalFormat} share their digits (see above). */
    static final boolean FAST = Runtime.version().feature() <= 18;
    private static final int MAX_FRACTION_DIGITS = 16;

    private final WKTWriter writer = new WKTWriter(3);
    private final OrdinateFormat format = OrdinateFormat.create(MAX_FRACTION_DIGITS);
    private final StringBuilder sb = new StringBuilder(256);

    /** The text of {@code g}, as {@code new WKTWriter(3).write(g)}. One instance per thread. */
    public String write(Geometry g) {
        if (!FAST || !plain(g)) return writer.write(g);
        sb.setLength(0);
        if (g instanceof Point p) {
            sb.append("POINT ");
            sequence(p.getCoordinateSequence());
        } else if (g instanceof LineString l) {
            sb.append("LINESTRING ");
            sequence(l.getCoordinateSequence());
        } else if (g instanceof Polygon p) {
            sb.append("POLYGON ");
            polygon(p);
        } else if (g instanceof MultiPoint) {
            parts("MULTIPOINT (", g, part -> sequence(((Point) part).getCoordinateSequence()));
        } else if (g instanceof MultiLineString) {
            parts("MULTILINESTRING (", g, part -> sequence(((LineString) part).getCoordinateSequence()));
        } else {
            parts("MULTIPOLYGON (", g, part -> polygon((Polygon) part));
        }
        return sb.toString();
    }

    private void parts(String head, Geometry multi, java.util.function.Consumer<Geometry> part) {
        sb.append(head);
        for (int i = 0; i < multi.getNumGeometries(); i++) {
            if (i > 0) sb.append(", ");
            part.accept(multi.getGeometryN(i));
        }
        sb.append(')');
    }

    private void polygon(Polygon p) {
        sb.append('(');
        sequence(p.getExteriorRing().getCoordinateSequence());
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            sb.append(", ");
            sequence(p.getInteriorRingN(i).getCoordinateSequence());
        }
        sb.append(')');
    }

    private void sequence(CoordinateSequence seq) {
        sb.append('(');
        for (int i = 0; i < seq.size(); i++) {
            if (i > 0) sb.append(", ");
            number(seq.getX(i));
            sb.append(' ');
            number(seq.getY(i));
        }
        sb.append(')');
    }

    private void number(double d) {
        if (!plainDigits(d, sb)) sb.append(format.format(d));
    }

    /**
     * Appends {@code d} in plain notation from the digits of {@link Double#toString(double)} when they have at most 16
     * fraction digits and {@code d} is finite (true), else appends nothing (false).
     */
    static boolean plainDigits(double d, StringBuilder out) {
        if (Double.isNaN(d) || Double.isInfinite(d)) return false;
        String s = Double.toString(d);
        int from = 0;
        boolean negative = s.charAt(0) == '-';
        if (negative) from = 1;
        int e = s.indexOf('E');
        int exp = e < 0 ? 0 : Integer.parseInt(s, e + 1, s.length(), 10);
        int end = e < 0 ? s.length() : e;
        int dot = s.indexOf('.', from);
        // digits of the mantissa without the point, the point after `point` of them; then the exponent moves the point
        StringBuilder digits = new StringBuilder(24);
        for (int i = from; i < end; i++) if (i != dot) digits.append(s.charAt(i));
        int point = (dot < 0 ? end : dot) - from + exp;
        int lead = 0;
        while (lead < digits.length() && digits.charAt(lead) == '0') lead++;
        int len = digits.length();
        while (len > lead && digits.charAt(len - 1) == '0') len--;
        if (negative) out.append('-');
        if (lead == len) { // zero, -0 for negative zero as DecimalFormat writes it
            out.append('0');
            return true;
        }
        String d0 = digits.substring(lead, len);
        int p = point - lead; // the value is 0.d0 × 10^p
        int fraction = d0.length() - p;
        if (fraction > MAX_FRACTION_DIGITS) {
            if (negative) out.setLength(out.length() - 1);
            return false;
        }
        if (p <= 0) {
            out.append("0.");
            for (int i = 0; i < -p; i++) out.append('0');
            out.append(d0);
        } else if (p >= d0.length()) {
            out.append(d0);
            for (int i = d0.length(); i < p; i++) out.append('0');
        } else {
            out.append(d0, 0, p).append('.').append(d0, p, d0.length());
        }
        return true;
    }

    /** Points, lines, polygons and their multi forms, floating precision, no empty part, no Z or M value. */
    private static boolean plain(Geometry g) {
        if (g.getPrecisionModel().getType() != PrecisionModel.FLOATING || g instanceof LinearRing) return false;
        if (g instanceof Point p) return flat(p.getCoordinateSequence());
        if (g instanceof LineString l) return flat(l.getCoordinateSequence());
        if (g instanceof Polygon p) return flatPolygon(p);
        if (g instanceof MultiPoint || g instanceof MultiLineString || g instanceof MultiPolygon) {
            if (g.getNumGeometries() == 0) return false;
            for (int i = 0; i < g.getNumGeometries(); i++) {
                Geometry part = g.getGeometryN(i);
                if (part instanceof Point p ? !flat(p.getCoordinateSequence())
                        : part instanceof LinearRing ? true
                        : part instanceof LineString l ? !flat(l.getCoordinateSequence())
                        : !(part instanceof Polygon q) || !flatPolygon(q)) return false;
            }
            return true;
        }
        return false;
    }

    private static boolean flatPolygon(Polygon p) {
        if (!flat(p.getExteriorRing().getCoordinateSequence())) return false;
        for (int i = 0; i < p.getNumInteriorRing(); i++) if (!flat(p.getInteriorRingN(i).getCoordinateSequence())) return false;
        return true;
    }

    /** A non-empty sequence with no measure and no Z value other than NaN (the writer then writes 2D). */
    private static boolean flat(CoordinateSequence seq) {
        if (seq.size() == 0 || seq.getMeasures() > 0) return false;
        if (seq.getDimension() > 2) {
            for (int i = 0; i < seq.size(); i++) if (!Double.isNaN(seq.getZ(i))) return false;
        }
        return true;
    }
}
