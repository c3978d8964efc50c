package fr.bdfsync.core.feature;

/**
 * One row of a layer: its feature id in the source (primary key, or row number for formats without
 * one), its attribute values in the order of the layer's {@link Schema#fields()}, and its geometry
 * (null when absent). Values are not copied for speed: readers hand over a fresh array per feature and
 * nobody writes to it afterwards.
 */
public record Feature(long fid, Object[] values, GeometryValue geometry) {

    public Object value(int index) {
        return values[index];
    }

    public Feature withGeometry(GeometryValue g) {
        return new Feature(fid, values, g);
    }
}
