package fr.bdfsync.core.match;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/**
 * A geometry with what the scoring rules ask of it several times, computed once: its area and envelope, its
 * length and centroid (on first use), and its prepared {@link DirectedDistance.Target} (flat segments), built on first use. A local
 * feature is scored against several national candidates, and a national one against every local feature near it:
 * each shape is prepared once instead of once per pair. Safe to share between scoring threads (the lazily built
 * parts are published through volatile fields; two threads may build the same part, with the same result).
 */
public final class Shape {
    private final Geometry geometry;
    private final double area;
    private final Envelope envelope;
    private final boolean keepTarget;
    /** The shape this one was copied from by {@link #forPair()} (its centroid is kept there), or null. */
    private final Shape origin;
    private volatile double length = Double.NaN;
    private volatile Point centroid;
    private volatile DirectedDistance.Target target;
    /** 1 valid, 0 not, -1 not known yet ({@link #valid()}). */
    private volatile int validity;

    private Shape(Geometry geometry, boolean keepTarget, boolean knownValid) {
        this(geometry, keepTarget, knownValid, geometry.getArea(), geometry.getEnvelopeInternal());
    }

    private Shape(Geometry geometry, boolean keepTarget, boolean knownValid, double area, Envelope envelope) {
        this.geometry = geometry;
        this.keepTarget = keepTarget;
        this.validity = knownValid ? 1 : -1;
        this.area = area;
        this.envelope = envelope;
        this.origin = null;
    }

    private Shape(Shape of) {
        this.geometry = of.geometry;
        this.keepTarget = true;
        this.area = of.area;
        this.envelope = of.envelope;
        this.origin = of;
        this.validity = of.validity;
    }

    /**
     * This shape keeping its prepared target for as long as the copy lives: a held local shape scored against one
     * national feature by several rules prepares its segments once for all of them.
     */
    public Shape forPair() {
        return keepTarget ? this : new Shape(this);
    }

    /** A shape that keeps its prepared target once built (for shapes that live as long as the pairs they are in). */
    public static Shape of(Geometry g) {
        return new Shape(g, true, false);
    }

    /**
     * A shape that builds its target anew for each question: for shapes held for a whole run (the local layer), whose
     * prepared segments would otherwise double their memory (measured: the young collections copying them cost more
     * than building them again).
     */
    public static Shape held(Geometry g) {
        return new Shape(g, false, false);
    }

    /**
     * {@link #held(Geometry)} for a geometry already checked valid, or repaired, by its reader
     * ({@link LocalFeatures#parse}): {@link #valid()} answers true without testing it again.
     */
    public static Shape heldValid(Geometry g) {
        return new Shape(g, false, true);
    }

    /**
     * {@link #heldValid(Geometry)} for a geometry parsed again from the bytes it was first read from, with the area
     * and envelope computed then (the same geometry: the same values, not computed again).
     */
    static Shape heldValid(Geometry g, double area, Envelope envelope) {
        return new Shape(g, false, true, area, envelope);
    }

    /**
     * Whether the geometry is valid in JTS's sense ({@link SimpleShell#surelyValid} first, then {@code isValid}),
     * tested on first use and kept: a national feature is asked once for all the local features it is scored against.
     */
    public boolean valid() {
        int v = validity;
        if (v < 0) validity = v = (SimpleShell.surelyValid(geometry) || geometry.isValid()) ? 1 : 0;
        return v == 1;
    }

    public Geometry geometry() {
        return geometry;
    }

    /** Area in square CRS units (0 for points and lines). */
    public double area() {
        return area;
    }

    /** Length (perimeter of a polygon) in CRS units, computed on first use. */
    public double length() {
        double l = length;
        if (Double.isNaN(l)) length = l = geometry.getLength();
        return l;
    }

    /**
     * The centroid ({@link Geometry#getCentroid()}, by {@link AreaCentroid} for areas), computed once per feature: a local feature is compared with
     * several national ones, and a copy made by {@link #forPair()} asks the shape it was made from.
     */
    public Point centroid() {
        if (origin != null) return origin.centroid();
        Point c = centroid;
        if (c == null) centroid = c = AreaCentroid.of(geometry);
        return c;
    }

    /** The envelope (do not modify). */
    public Envelope envelope() {
        return envelope;
    }

    DirectedDistance.Target target() {
        if (!keepTarget) return new DirectedDistance.Target(geometry);
        DirectedDistance.Target t = target;
        if (t == null) target = t = new DirectedDistance.Target(geometry);
        return t;
    }
}
