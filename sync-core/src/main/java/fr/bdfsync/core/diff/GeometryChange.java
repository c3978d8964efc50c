package fr.bdfsync.core.diff;

/**
 * How much a geometry changed: discrete Hausdorff distance between old and new (in CRS units), the largest
 * Z difference between matching vertices, and new minus old area and length.
 */
public record GeometryChange(double hausdorff, double maxDz, double areaDelta, double lengthDelta) {
    public GeometryChange inverse() {
        return new GeometryChange(hausdorff, maxDz, -areaDelta, -lengthDelta);
    }
}
