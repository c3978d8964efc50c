package fr.bdfsync.core.pkg;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Validation before writing a package: the new geometry is valid (JTS {@link IsValidOp}), the change is
 * within the label ({@link ScopeCheck}) and satisfies the theme rules ({@link ChangeRules}).
 */
public final class ChangeValidator {
    private final ScopeCheck scope;
    private final ChangeRules rules;

    public ChangeValidator(ScopeCheck scope, ChangeRules rules) {
        this.scope = scope;
        this.rules = rules;
    }

    /** Null when the change may be packaged, else why not. */
    public Refusal check(PackageChange c) {
        if (c.geometryChanged() && c.geometry() != null) {
            Refusal g = geometry(c);
            if (g != null) return g;
        }
        Refusal s = scope.check(c);
        if (s != null) return s;
        return rules.check(c);
    }

    private static Refusal geometry(PackageChange c) {
        Geometry g;
        try {
            g = c.geometry().geometry();
        } catch (IllegalArgumentException e) {
            return new Refusal(Refusal.INVALID_GEOMETRY, e.getMessage());
        }
        TopologyValidationError err = new IsValidOp(g).getValidationError();
        if (err == null) return null;
        return new Refusal(Refusal.INVALID_GEOMETRY, err.getMessage() + " at " + err.getCoordinate());
    }
}
