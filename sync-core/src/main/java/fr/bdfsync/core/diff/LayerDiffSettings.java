package fr.bdfsync.core.diff;

/**
 * How one layer is compared: the key column ({@code null}: {@code cleabs} or its Shapefile alias {@code ID},
 * case-insensitive, else the primary key), the planimetric tolerance in metres (converted to degrees for
 * geographic CRSs), the Z tolerance in metres, and whether a feature's {@code precision_planimetrique}
 * (when present and larger) replaces the planimetric tolerance for that feature.
 * The theme catalogue provides these per layer; {@link DiffSettings} is the seam where it plugs in.
 */
public record LayerDiffSettings(String keyColumn, double xyTolerance, double zTolerance, boolean followPrecision) {
    /** 1 mm: below any BD TOPO precision, above floating-point noise of reprojection and re-export. */
    public static final double DEFAULT_XY_TOLERANCE = 0.001;
    /** 1 cm for Z: altitudes are rounded to the centimetre in BD TOPO. */
    public static final double DEFAULT_Z_TOLERANCE = 0.01;

    public static final LayerDiffSettings DEFAULTS = new LayerDiffSettings(null, DEFAULT_XY_TOLERANCE, DEFAULT_Z_TOLERANCE, false);

    public LayerDiffSettings {
        if (!(xyTolerance >= 0) || !(zTolerance >= 0)) throw new IllegalArgumentException("tolerances must be >= 0");
    }

    public LayerDiffSettings withKeyColumn(String key) {
        return new LayerDiffSettings(key, xyTolerance, zTolerance, followPrecision);
    }

    public LayerDiffSettings withXyTolerance(double tol) {
        return new LayerDiffSettings(keyColumn, tol, zTolerance, followPrecision);
    }
}
