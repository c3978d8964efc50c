package fr.bdfsync.core.merge;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

import java.util.List;

/**
 * Where a community is competent: a (multi)polygon in the job's CRS (EPSG:2154 for metropolitan France),
 * built from WKT or from the boundaries of a list of départements; {@link #EVERYWHERE} when unrestricted.
 * A feature is inside when its geometry intersects the territory's interior or boundary (a tronçon that
 * crosses the border belongs to both sides).
 */
public final class Territory {
    public static final Territory EVERYWHERE = new Territory(null, List.of(), "everywhere");

    private final Geometry area;
    private final PreparedGeometry prepared;
    private final List<String> departements;
    private final String description;

    private Territory(Geometry area, List<String> departements, String description) {
        this.area = area;
        this.prepared = area == null ? null : PreparedGeometryFactory.prepare(area);
        this.departements = List.copyOf(departements);
        this.description = description;
    }

    public static Territory of(Geometry area, List<String> departements, String description) {
        return new Territory(area, departements, description);
    }

    public boolean isEverywhere() {
        return area == null;
    }

    public Geometry area() {
        return area;
    }

    public List<String> departements() {
        return departements;
    }

    /** As {@link #covers(Geometry)}, the geometry asked for (parsed) only when the territory is not everywhere. */
    public boolean covers(java.util.function.Supplier<Geometry> g) {
        return area == null || covers(g.get());
    }

    /** True when the geometry (null: unknown location, counted as inside) touches the territory. */
    public boolean covers(Geometry g) {
        if (area == null || g == null || g.isEmpty()) return true;
        return prepared.intersects(g);
    }

    @Override
    public String toString() {
        return description;
    }
}
