package fr.bdfsync.core.merge;

/**
 * Distances of a sync job, in CRS units (metres in EPSG:2154).
 *
 * @param geometry      two geometries closer than this (Hausdorff) are the same shape: edits below it are no edits
 * @param matchDistance two line creations closer than this (Hausdorff) describe the same object (insert/insert)
 * @param matchOverlap  two polygon creations whose shared area covers at least this share of the larger one match
 * @param snap          a tronçon end within this distance of another tronçon is connected
 */
public record Tolerances(double geometry, double matchDistance, double matchOverlap, double snap) {
    public static final Tolerances DEFAULT = new Tolerances(0.05, 5.0, 0.8, 0.01);

    public Tolerances {
        if (geometry < 0 || matchDistance < 0 || snap < 0) throw new IllegalArgumentException("tolerances must not be negative");
        if (matchOverlap <= 0 || matchOverlap > 1) throw new IllegalArgumentException("match_overlap must be in (0, 1]");
    }
}
