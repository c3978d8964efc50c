package fr.bdfsync.core.pkg;

import fr.bdfsync.core.feature.GeometryValue;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;

/**
 * Checks a change against a label: its layer, its changed attributes ({@code "geometry"} for the geometry),
 * inserts and deletes (which need {@code "*"}), and its location against the territory polygon.
 */
public final class ScopeCheck {
    private final Label label;
    private final PreparedGeometry territory;
    private final Envelope territoryEnvelope;

    public ScopeCheck(Label label) {
        this.label = label;
        String polygon = label.territory() == null ? null : label.territory().polygon();
        this.territory = polygon == null ? null : TerritoryShape.prepare(polygon);
        this.territoryEnvelope = territory == null ? null : territory.getGeometry().getEnvelopeInternal();
    }

    public Label label() {
        return label;
    }

    /** True when locations are checked against a territory polygon ({@link #checkLocation} looks at geometries). */
    public boolean hasTerritory() {
        return territory != null;
    }

    /** The refusal for a change outside the label's layers and attributes (location not looked at), or null. */
    public Refusal checkRights(PackageChange c) {
        String who = "community '" + label.communityId() + "'";
        if (!label.coversLayer(c.layer())) return new Refusal(Refusal.OUT_OF_SCOPE, "layer '" + c.layer() + "' is not in the label of " + who);
        if (c.op() != ChangeOp.UPDATE) {
            if (!label.coversAll(c.layer())) {
                return new Refusal(Refusal.OUT_OF_SCOPE, c.op().code() + " needs \"*\" on layer '" + c.layer() + "' in the label of " + who);
            }
            return null;
        }
        for (String a : c.changed()) {
            if (!label.coversAttribute(c.layer(), a)) {
                return new Refusal(Refusal.OUT_OF_SCOPE, "attribute '" + a + "' of layer '" + c.layer() + "' is not in the label of " + who);
            }
        }
        return null;
    }

    /** The refusal for a location outside the territory polygon, or null (also null with no polygon). */
    public Refusal checkLocation(GeometryValue location) {
        if (territory == null) return null;
        if (location == null) return new Refusal(Refusal.OUT_OF_SCOPE, "no geometry to check against the territory");
        Envelope e;
        try {
            e = location.envelope();
            if (!e.intersects(territoryEnvelope)) return outside();
            Geometry g = location.geometry();
            return territory.intersects(g) ? null : outside();
        } catch (IllegalArgumentException ex) {
            return new Refusal(Refusal.INVALID_GEOMETRY, ex.getMessage());
        }
    }

    private Refusal outside() {
        return new Refusal(Refusal.OUT_OF_SCOPE, "outside the territory of community '" + label.communityId() + "'");
    }

    /** Rights, then location. */
    public Refusal check(PackageChange c) {
        Refusal r = checkRights(c);
        return r != null ? r : checkLocation(c.location());
    }
}
