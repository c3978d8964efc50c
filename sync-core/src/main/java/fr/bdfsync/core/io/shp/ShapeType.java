package fr.bdfsync.core.io.shp;

import fr.bdfsync.core.feature.GeometryType;

/** The shape types of the ESRI Shapefile specification (1998), with what they map to. */
enum ShapeType {
    NULL(0, null, false, false),
    POINT(1, GeometryType.POINT, false, false),
    POLYLINE(3, GeometryType.MULTILINESTRING, false, false),
    POLYGON(5, GeometryType.MULTIPOLYGON, false, false),
    MULTIPOINT(8, GeometryType.MULTIPOINT, false, false),
    POINT_Z(11, GeometryType.POINT, true, true),
    POLYLINE_Z(13, GeometryType.MULTILINESTRING, true, true),
    POLYGON_Z(15, GeometryType.MULTIPOLYGON, true, true),
    MULTIPOINT_Z(18, GeometryType.MULTIPOINT, true, true),
    POINT_M(21, GeometryType.POINT, false, true),
    POLYLINE_M(23, GeometryType.MULTILINESTRING, false, true),
    POLYGON_M(25, GeometryType.MULTIPOLYGON, false, true),
    MULTIPOINT_M(28, GeometryType.MULTIPOINT, false, true),
    MULTIPATCH(31, null, true, true);

    final int code;
    /** The geometry type of the layer (polylines and polygons are always read as Multi). */
    final GeometryType geometryType;
    final boolean z;
    /** True when records of this type may carry measures (Z types carry them optionally). */
    final boolean m;

    ShapeType(int code, GeometryType geometryType, boolean z, boolean m) {
        this.code = code;
        this.geometryType = geometryType;
        this.z = z;
        this.m = m;
    }

    static ShapeType of(int code) {
        for (ShapeType t : values()) if (t.code == code) return t;
        return null;
    }

    /** True for the M-only types, whose measures are always present. */
    boolean measuresOnly() {
        return m && !z;
    }
}
