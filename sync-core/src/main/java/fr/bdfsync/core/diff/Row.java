package fr.bdfsync.core.diff;

import fr.bdfsync.core.feature.GeometryValue;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One feature's state as the diff sees it: its fid in its source, its attributes by (mapped) column name in
 * name order (the key column included), and its geometry (null for attribute-only tables or a null geometry).
 * Equality compares values (byte arrays by content) and geometries by their WKB bytes.
 */
public record Row(long fid, SortedMap<String, Object> attributes, GeometryValue geometry) {
    public Row {
        // values read by the pure-Java reader are already an immutable sorted view of the row's record
        if (!(attributes instanceof RecordValues)) attributes = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
    }

    public Object get(String column) {
        return attributes.get(column);
    }

    /** Same attributes and geometry bytes; fids are not compared (they are a file's numbering, not identity). */
    public boolean sameContent(Row o) {
        return sameContent(o, null);
    }

    /** Same attributes, and geometries with the same bytes or, when {@code equality} is given, equal within it. */
    public boolean sameContent(Row o, fr.bdfsync.core.feature.GeometryEquality equality) {
        if (o == null) return false;
        if (!attributes.keySet().equals(o.attributes.keySet())) return false;
        for (Map.Entry<String, Object> e : attributes.entrySet()) {
            if (!valueEquals(e.getValue(), o.attributes.get(e.getKey()))) return false;
        }
        if (geometry == null || o.geometry == null) return geometry == o.geometry;
        return geometry.sameWkb(o.geometry) || (equality != null && equality.same(geometry.geometry(), o.geometry.geometry()));
    }

    /** Attribute value equality: numbers by value (1 == 1.0), byte arrays by content, a number and a text by the text. */
    public static boolean valueEquals(Object a, Object b) {
        if (a == b) return true;
        if (a == null || b == null) return false;
        if (a instanceof byte[] && b instanceof byte[]) return Arrays.equals((byte[]) a, (byte[]) b);
        if (a instanceof Number && b instanceof Number && !(a instanceof Double) == !(b instanceof Double)) return a.equals(b);
        if (a instanceof Number && b instanceof Number) return ((Number) a).doubleValue() == ((Number) b).doubleValue();
        // a retyped column (INTEGER on one side, TEXT on the other): compare the text of the values
        if (a instanceof Number && b instanceof String) return numberText((Number) a).equals(((String) b).trim());
        if (b instanceof Number && a instanceof String) return numberText((Number) b).equals(((String) a).trim());
        return a.equals(b);
    }

    private static String numberText(Number n) {
        double d = n.doubleValue();
        if (n instanceof Double && d == Math.rint(d) && Math.abs(d) < 9.0e15) return Long.toString((long) d);
        return n.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Row && ((Row) o).fid == fid && sameContent((Row) o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fid, attributes.keySet());
    }
}
