package fr.bdfsync.core.pkg;

import org.locationtech.jts.geom.Geometry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
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
        return check(c, geometry(c));
    }

    /**
     * The verdict on each change, in order (null: may be packaged). The geometry validity checks, the costly part
     * (parsing and {@link IsValidOp}), run on {@code threads} threads; scope and theme rules then run in order.
     */
    public List<Refusal> checkAll(List<PackageChange> changes, int threads) {
        Refusal[] geometry = new Refusal[changes.size()];
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads));
        try {
            Futures.get(pool.submit(() -> IntStream.range(0, geometry.length).parallel().forEach(i -> geometry[i] = geometry(changes.get(i)))),
                    "validating geometries");
        } finally {
            pool.shutdown();
        }
        List<Refusal> out = new ArrayList<>(geometry.length);
        for (int i = 0; i < geometry.length; i++) out.add(check(changes.get(i), geometry[i]));
        return out;
    }

    private Refusal check(PackageChange c, Refusal geometry) {
        if (geometry != null) return geometry;
        Refusal s = scope.check(c);
        if (s != null) return s;
        return rules.check(c);
    }

    /** Why the new geometry is not valid, or null (also null when the geometry does not change). */
    private static Refusal geometry(PackageChange c) {
        if (!c.geometryChanged() || c.geometry() == null) return null;
        // the common polygon proved valid from its bytes, without parsing it (QuickValidity); anything else: JTS
        if (!c.geometry().isParsed()) {
            byte[] wkb = c.geometry().wkb();
            if (QuickValidity.provedValid(wkb, 0, wkb.length)) return null;
        }
        Geometry g;
        try {
            // not kept: holding every parsed geometry would make memory grow with the changes
            g = c.geometry().parseTransient();
        } catch (IllegalArgumentException e) {
            return new Refusal(Refusal.INVALID_GEOMETRY, e.getMessage());
        }
        TopologyValidationError err = new IsValidOp(g).getValidationError();
        if (err == null) return null;
        return new Refusal(Refusal.INVALID_GEOMETRY, err.getMessage() + " at " + err.getCoordinate());
    }
}
