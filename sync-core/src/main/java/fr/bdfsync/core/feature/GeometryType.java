package fr.bdfsync.core.feature;

import java.util.Locale;

/** Simple Features geometry types, with their WKB codes (2D). */
public enum GeometryType {
    GEOMETRY(0), POINT(1), LINESTRING(2), POLYGON(3), MULTIPOINT(4), MULTILINESTRING(5), MULTIPOLYGON(6), GEOMETRYCOLLECTION(7);

    private final int wkbCode;

    GeometryType(int wkbCode) {
        this.wkbCode = wkbCode;
    }

    public int wkbCode() {
        return wkbCode;
    }

    public static GeometryType fromWkbCode(int code) {
        int base = code % 1000;
        for (GeometryType t : values()) if (t.wkbCode == base) return t;
        throw new IllegalArgumentException("unknown WKB geometry type code " + code);
    }

    /** Parses a GeoPackage / OGC name such as "MULTIPOLYGON" or "MultiLineString" (case-insensitive). */
    public static GeometryType fromName(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT).replace(" ", "");
        if (n.endsWith("ZM")) n = n.substring(0, n.length() - 2);
        else if (n.endsWith("Z") || n.endsWith("M")) {
            String cut = n.substring(0, n.length() - 1);
            try { return valueOf(cut); } catch (IllegalArgumentException ignore) { /* fall through */ }
        }
        return valueOf(n);
    }

    /** The JTS geometry type name ("MultiPolygon") matching this type. */
    public String jtsName() {
        switch (this) {
            case POINT: return "Point";
            case LINESTRING: return "LineString";
            case POLYGON: return "Polygon";
            case MULTIPOINT: return "MultiPoint";
            case MULTILINESTRING: return "MultiLineString";
            case MULTIPOLYGON: return "MultiPolygon";
            case GEOMETRYCOLLECTION: return "GeometryCollection";
            default: return "Geometry";
        }
    }

    public boolean isMulti() {
        return this == MULTIPOINT || this == MULTILINESTRING || this == MULTIPOLYGON || this == GEOMETRYCOLLECTION;
    }

    /** The single-part type of a Multi type, or this type. */
    public GeometryType singular() {
        switch (this) {
            case MULTIPOINT: return POINT;
            case MULTILINESTRING: return LINESTRING;
            case MULTIPOLYGON: return POLYGON;
            default: return this;
        }
    }

    /** Dimension: 0 points, 1 lines, 2 polygons, -1 unknown. */
    public int dimension() {
        switch (singular()) {
            case POINT: return 0;
            case LINESTRING: return 1;
            case POLYGON: return 2;
            default: return -1;
        }
    }
}
