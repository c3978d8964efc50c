package fr.bdfsync.core.feature;

/**
 * A coordinate reference system as a source declares it: the GeoPackage srs_id, the authority and
 * code when known (e.g. "EPSG", 2154) and the WKT definition when the source gives one.
 * {@link #UNDEFINED_CARTESIAN} and {@link #UNDEFINED_GEOGRAPHIC} are the GeoPackage's -1 and 0 entries.
 */
public record CrsRef(int srsId, String organization, int code, String name, String definition) {
    public static final CrsRef UNDEFINED_CARTESIAN = new CrsRef(-1, "NONE", -1, "Undefined cartesian SRS", "undefined");
    public static final CrsRef UNDEFINED_GEOGRAPHIC = new CrsRef(0, "NONE", 0, "Undefined geographic SRS", "undefined");

    public static CrsRef epsg(int code, String name, String wkt) {
        return new CrsRef(code, "EPSG", code, name, wkt);
    }

    /** True when the source said nothing usable about its CRS. */
    public boolean isUndefined() {
        return srsId <= 0 && (organization == null || organization.equalsIgnoreCase("NONE"));
    }

    public boolean isEpsg() {
        return organization != null && organization.equalsIgnoreCase("EPSG") && code > 0;
    }

    /** "EPSG:2154", or a description of what is known. */
    public String label() {
        if (isEpsg()) return "EPSG:" + code;
        if (isUndefined()) return "undefined";
        return (organization == null ? "?" : organization) + ":" + code;
    }
}
