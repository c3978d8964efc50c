package fr.bdfsync.core.io.crs;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.feature.CrsRef;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.Proj4jException;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what a source says about its CRS ({@link CrsRef} from a GeoPackage srs row, a .prj WKT, a GeoJSON
 * "crs" member, a user's "EPSG:2154") into a proj4j {@link CoordinateReferenceSystem}. EPSG codes of the
 * {@link CrsCatalog} use GDAL's PROJ.4 strings; other EPSG codes use proj4j's own EPSG table; other
 * definitions are identified from their WKT. Anything else is refused with {@link fr.bdfsync.core.ExitCode#CRS}.
 */
public final class CrsResolver {
    private static final CRSFactory FACTORY = new CRSFactory();
    private static final Map<Integer, CoordinateReferenceSystem> CACHE = new ConcurrentHashMap<>();
    private static final Pattern EPSG_TEXT = Pattern.compile(
            "^(?:EPSG:{1,2}|urn:ogc:def:crs:EPSG:[0-9.]*:|https?://www\\.opengis\\.net/def/crs/EPSG/[0-9.]+/)?(\\d+)$",
            Pattern.CASE_INSENSITIVE);

    public static final int WGS84 = 4326;

    private CrsResolver() {
    }

    /** The proj4j CRS of a reference; {@code file} and {@code layer} only name the source in errors. */
    public static CoordinateReferenceSystem toProj4j(CrsRef crs, Path file, String layer) {
        return CACHE.computeIfAbsent(epsgCode(crs, file, layer), code -> create(code, file, layer));
    }

    /** The EPSG code a reference stands for: its own, or the one identified from its WKT definition. */
    public static int epsgCode(CrsRef crs, Path file, String layer) {
        if (crs == null || crs.isUndefined()) {
            throw BdfsyncException.crs(file, layer, "the source has no CRS; name the one its coordinates are in (e.g. EPSG:2154)");
        }
        if (crs.isEpsg()) return crs.code();
        String def = crs.definition();
        if (def != null && !def.isBlank() && !"undefined".equalsIgnoreCase(def.trim())) {
            int code = identify(def);
            if (code > 0) return code;
        }
        throw BdfsyncException.crs(file, layer, "unknown CRS '" + (crs.name() != null ? crs.name() : crs.label())
                + "' (" + crs.label() + "): not an EPSG code bdfsync can identify; name the CRS of its coordinates (e.g. EPSG:2154)");
    }

    /** The code of a WKT definition, or -1 when it is not WKT or not identified. */
    public static int identify(String wkt) {
        try {
            return CrsIdentifier.identify(Wkt.parse(wkt));
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    /** The reference for an EPSG code: name and WKT from the catalogue when known there. */
    public static CrsRef epsg(int code) {
        CrsCatalog.Entry e = CrsCatalog.byCode(code);
        if (e != null) return CrsRef.epsg(code, e.name(), e.wkt());
        return CrsRef.epsg(code, "EPSG:" + code, null);
    }

    /**
     * Reads a CRS as a user or a legacy GeoJSON "crs" member names it: "EPSG:2154", "2154",
     * "urn:ogc:def:crs:EPSG::2154", an opengis.net URI, "CRS84" / "urn:ogc:def:crs:OGC:1.3:CRS84" (WGS84 lon/lat),
     * or a WKT definition. The code must be one proj4j can build; else a CRS error naming {@code where}.
     */
    public static CrsRef parse(String text, Path where) {
        String t = text == null ? "" : text.trim();
        String upper = t.toUpperCase(Locale.ROOT);
        if (upper.endsWith("CRS84") || upper.equals("WGS84")) return epsg(WGS84);
        Matcher m = EPSG_TEXT.matcher(t);
        int code;
        if (m.matches()) {
            code = Integer.parseInt(m.group(1));
        } else {
            code = identify(t);
            if (code <= 0) throw BdfsyncException.crs(where, null, "unknown CRS '" + t + "'");
        }
        CrsRef ref = epsg(code);
        toProj4j(ref, where, null);
        return ref;
    }

    /** Reads the WKT of a .prj file into a reference, identifying its EPSG code; a CRS error when unknown. */
    public static CrsRef fromPrj(String wkt, Path prj, String layer) {
        Wkt parsed;
        try {
            parsed = Wkt.parse(wkt);
        } catch (IllegalArgumentException e) {
            throw BdfsyncException.crs(prj, layer, "the .prj is not a WKT CRS definition: " + e.getMessage());
        }
        int code = CrsIdentifier.identify(parsed);
        if (code <= 0) {
            throw BdfsyncException.crs(prj, layer, "unknown CRS '" + parsed.name() + "' in the .prj: not an EPSG CRS bdfsync can identify; name the CRS of its coordinates (e.g. EPSG:2154)");
        }
        CrsRef ref = epsg(code);
        toProj4j(ref, prj, layer);
        return ref;
    }

    /** True when both references stand for the same EPSG code (so no reprojection is needed). */
    public static boolean same(CrsRef a, CrsRef b, Path file, String layer) {
        return epsgCode(a, file, layer) == epsgCode(b, file, layer);
    }

    private static CoordinateReferenceSystem create(int code, Path file, String layer) {
        CrsCatalog.Entry e = CrsCatalog.byCode(code);
        try {
            if (e != null) return FACTORY.createFromParameters("EPSG:" + code, e.proj4());
            return FACTORY.createFromName("EPSG:" + code);
        } catch (Proj4jException | IllegalStateException | IllegalArgumentException ex) {
            throw BdfsyncException.crs(file, layer, "unknown CRS EPSG:" + code + " (" + ex.getMessage() + ")");
        }
    }
}
