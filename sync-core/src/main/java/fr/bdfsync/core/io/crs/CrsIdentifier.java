package fr.bdfsync.core.io.crs;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the EPSG code of a WKT 1 definition (OGC or ESRI flavour) among the {@link CrsCatalog}: by its
 * {@code AUTHORITY} when it has one, else by its name (ESRI spellings such as {@code RGF93_Lambert_93} or
 * {@code RGF_1993_Lambert_93} included), else by comparing its projection parameters and ellipsoid with
 * each known CRS. Returns -1 when nothing matches: the caller then refuses the CRS rather than guess.
 */
public final class CrsIdentifier {
    private static final double ANGLE_TOL = 1e-9;
    private static final double METRE_TOL = 1e-3;
    private static final double RF_TOL = 1e-6;

    private CrsIdentifier() {
    }

    /** The EPSG code of a parsed definition, or -1. */
    public static int identify(Wkt wkt) {
        int auth = wkt.epsgAuthority();
        if (auth > 0) return auth;
        int byName = byName(wkt.name());
        if (byName > 0) return byName;
        Map<String, Double> params = parameters(wkt);
        if (params == null) return -1;
        for (CrsCatalog.Entry e : CrsCatalog.all()) {
            if (sameParameters(params, proj4Parameters(e.proj4()))) return e.code();
        }
        return -1;
    }

    /** The code of a known CRS whose OGC or ESRI name matches (ignoring case, punctuation, "1993" for "93", "v1"). */
    public static int byName(String name) {
        if (name == null) return -1;
        String n = normalise(name);
        if (n.isEmpty()) return -1;
        for (CrsCatalog.Entry e : CrsCatalog.all()) {
            if (n.equals(normalise(e.name())) || n.equals(normalise(e.esriName()))) return e.code();
        }
        return -1;
    }

    static String normalise(String name) {
        String n = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (n.startsWith("gcs")) n = n.substring(3);
        n = n.replace("rgf1993", "rgf93").replace("rgf93v1", "rgf93").replace("wgs1984", "wgs84");
        return n;
    }

    /** Projection kind, ellipsoid and parameters of a WKT definition, in PROJ.4 terms; null when unsupported. */
    static Map<String, Double> parameters(Wkt wkt) {
        Map<String, Double> p = new HashMap<>();
        Wkt geog = "GEOGCS".equals(wkt.keyword()) ? wkt : wkt.child("GEOGCS");
        if (geog == null) return null;
        Wkt datum = geog.child("DATUM");
        Wkt spheroid = datum == null ? null : datum.child("SPHEROID");
        if (spheroid == null) return null;
        p.put("a", spheroid.number(1));
        p.put("rf", spheroid.number(2));
        if ("GEOGCS".equals(wkt.keyword())) {
            p.put("longlat", 1.0);
            return p;
        }
        if (!"PROJCS".equals(wkt.keyword())) return null;
        Wkt unit = wkt.child("UNIT");
        if (unit != null && Math.abs(unit.number(1) - 1.0) > 1e-12) return null;
        Wkt projection = wkt.child("PROJECTION");
        String kind = projection == null || projection.name() == null ? "" : projection.name().toLowerCase(Locale.ROOT);
        if (kind.startsWith("lambert_conformal_conic")) {
            p.put("lcc", 1.0);
            p.put("lat_1", wkt.parameter("standard_parallel_1"));
            double lat2 = wkt.parameter("standard_parallel_2");
            p.put("lat_2", Double.isNaN(lat2) ? wkt.parameter("standard_parallel_1") : lat2);
            double k = wkt.parameter("scale_factor");
            p.put("k", Double.isNaN(k) ? 1.0 : k);
        } else if (kind.equals("transverse_mercator")) {
            p.put("tmerc", 1.0);
            p.put("k", wkt.parameter("scale_factor"));
        } else {
            return null;
        }
        p.put("lat_0", wkt.parameter("latitude_of_origin"));
        p.put("lon_0", wkt.parameter("central_meridian"));
        p.put("x_0", wkt.parameter("false_easting"));
        p.put("y_0", wkt.parameter("false_northing"));
        for (Double v : p.values()) if (v.isNaN()) return null;
        return p;
    }

    /** The same keys from a PROJ.4 string of the catalogue. */
    static Map<String, Double> proj4Parameters(String proj4) {
        Map<String, String> raw = new HashMap<>();
        for (String token : proj4.trim().split("\\s+")) {
            String t = token.startsWith("+") ? token.substring(1) : token;
            int eq = t.indexOf('=');
            raw.put(eq < 0 ? t : t.substring(0, eq), eq < 0 ? "" : t.substring(eq + 1));
        }
        Map<String, Double> p = new HashMap<>();
        String ellps = raw.containsKey("datum") ? raw.get("datum") : raw.getOrDefault("ellps", "");
        if (ellps.equalsIgnoreCase("WGS84")) {
            p.put("a", 6378137.0);
            p.put("rf", 298.257223563);
        } else if (ellps.equalsIgnoreCase("GRS80")) {
            p.put("a", 6378137.0);
            p.put("rf", 298.257222101);
        } else {
            return Map.of();
        }
        String proj = raw.getOrDefault("proj", "");
        switch (proj) {
            case "longlat":
                p.put("longlat", 1.0);
                return p;
            case "lcc":
                p.put("lcc", 1.0);
                p.put("lat_1", num(raw, "lat_1", Double.NaN));
                p.put("lat_2", num(raw, "lat_2", num(raw, "lat_1", Double.NaN)));
                p.put("k", num(raw, "k_0", num(raw, "k", 1.0)));
                break;
            case "utm": {
                int zone = Integer.parseInt(raw.get("zone"));
                p.put("tmerc", 1.0);
                p.put("k", 0.9996);
                p.put("lat_0", 0.0);
                p.put("lon_0", zone * 6.0 - 183.0);
                p.put("x_0", 500000.0);
                p.put("y_0", raw.containsKey("south") ? 10000000.0 : 0.0);
                return p;
            }
            case "tmerc":
                p.put("tmerc", 1.0);
                p.put("k", num(raw, "k_0", num(raw, "k", 1.0)));
                break;
            default:
                return Map.of();
        }
        p.put("lat_0", num(raw, "lat_0", 0));
        p.put("lon_0", num(raw, "lon_0", 0));
        p.put("x_0", num(raw, "x_0", 0));
        p.put("y_0", num(raw, "y_0", 0));
        return p;
    }

    private static double num(Map<String, String> raw, String key, double dflt) {
        String v = raw.get(key);
        return v == null ? dflt : Double.parseDouble(v);
    }

    private static boolean sameParameters(Map<String, Double> a, Map<String, Double> b) {
        if (!a.keySet().equals(b.keySet())) return false;
        for (Map.Entry<String, Double> e : a.entrySet()) {
            String k = e.getKey();
            double tol = k.equals("rf") ? RF_TOL : k.startsWith("x_") || k.startsWith("y_") || k.equals("a") ? METRE_TOL : ANGLE_TOL;
            if (Math.abs(e.getValue() - b.get(k)) > tol) return false;
        }
        return true;
    }
}
