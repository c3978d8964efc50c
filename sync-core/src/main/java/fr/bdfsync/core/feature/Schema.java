package fr.bdfsync.core.feature;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The shape of one layer: its attribute fields (in the order of {@link Feature#values()}), its geometry
 * column (null for attribute-only tables) with type, Z/M flags and CRS, and its primary key column.
 */
public record Schema(String layer, List<Field> fields, String geometryColumn, GeometryType geometryType,
                     boolean hasZ, boolean hasM, CrsRef crs, String primaryKey) {

    public Schema {
        Objects.requireNonNull(layer, "layer");
        fields = List.copyOf(fields);
    }

    public boolean hasGeometry() {
        return geometryColumn != null;
    }

    /** Index of a field by exact name, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < fields.size(); i++) if (fields.get(i).name().equals(name)) return i;
        return -1;
    }

    /** Index of a field by case-insensitive name, or -1. */
    public int indexOfIgnoreCase(String name) {
        int exact = indexOf(name);
        if (exact >= 0) return exact;
        String n = name.toLowerCase(Locale.ROOT);
        for (int i = 0; i < fields.size(); i++) if (fields.get(i).name().toLowerCase(Locale.ROOT).equals(n)) return i;
        return -1;
    }

    public Map<String, Integer> fieldIndex() {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) m.put(fields.get(i).name(), i);
        return m;
    }

    public Schema withCrs(CrsRef newCrs) {
        return new Schema(layer, fields, geometryColumn, geometryType, hasZ, hasM, newCrs, primaryKey);
    }

    public Schema withLayer(String newLayer) {
        return new Schema(newLayer, fields, geometryColumn, geometryType, hasZ, hasM, crs, primaryKey);
    }

    public Schema withFields(List<Field> newFields) {
        return new Schema(layer, newFields, geometryColumn, geometryType, hasZ, hasM, crs, primaryKey);
    }
}
