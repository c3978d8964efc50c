package fr.bdfsync.core.diff;

/** Three-way classification of a feature, an attribute or a geometry (ancestor, national, local). */
public enum ThreeWayClass {
    /** Same on both sides as in the ancestor. */
    UNCHANGED,
    /** Changed (or inserted, deleted) on the national side only: take it. */
    NATIONAL_ONLY,
    /** Changed (or inserted, deleted) on the local side only: keep it. */
    LOCAL_ONLY,
    /** Changed identically on both sides (same new values, geometries equal within tolerance; or deleted on both). */
    CONVERGENT,
    /** Feature level only: both sides changed it, on different attributes / geometry: no overlap. */
    BOTH_DISJOINT,
    /** Changed differently on both sides (an attribute or the geometry; or inserted on both with different content). */
    DIVERGENT,
    /** Deleted on the national side, edited on the local side. */
    DELETE_EDIT,
    /** Edited on the national side, deleted on the local side. */
    EDIT_DELETE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
