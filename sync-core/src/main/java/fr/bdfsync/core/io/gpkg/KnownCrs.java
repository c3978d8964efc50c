package fr.bdfsync.core.io.gpkg;

import fr.bdfsync.core.io.crs.CrsCatalog;

/**
 * OGC WKT definitions of the CRSs bdfsync writes most, for {@code gpkg_spatial_ref_sys} rows when a source
 * names its CRS only by code (a GeoJSON file, a .prj identified by name, a user option): Lambert-93, the
 * overseas national CRSs (5490, 2972, 2975, 4471), WGS84, RGF93 geographic and the CC zones 3942-3950, as
 * GDAL's {@code gdalsrsinfo -o wkt1} prints them (resource {@code io/crs/known-crs.json}). Other codes fall
 * back to NGA's own table.
 */
public final class KnownCrs {
    private KnownCrs() {
    }

    /** The WKT of an EPSG code, or null when this table does not have it. */
    public static String wkt(int epsg) {
        CrsCatalog.Entry e = CrsCatalog.byCode(epsg);
        return e == null ? null : e.wkt();
    }
}
