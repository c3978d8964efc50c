package fr.bdfsync.core.feature;

import org.locationtech.jts.geom.Geometry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;

/**
 * A stable fingerprint of a feature: SHA-256, in lower-case hex, of a canonical text made of the attributes
 * (in column-name order) and the normalised geometry ({@link GeometryEquality#normalise}, then ISO WKB
 * little-endian). The algorithm is specified in {@code docs/diff.md} so that packages and the receiving side
 * can recompute it:
 * <pre>
 * "bdfsync.fingerprint/v1\n"
 * per attribute, by name (as compared, lower case): name "=" value "\n" where value is
 *   "N" for null; "I" + decimal for integers and for reals with an integral value; "R" + Java Double.toString
 *   for other reals; "B0"/"B1" for booleans; "T" + UTF-8 text; "X" + lower-case hex for blobs
 * then "G" + lower-case hex of the ISO WKB of the normalised geometry (Z kept when present), or "G" alone
 * when there is no geometry.
 * </pre>
 */
public final class Fingerprint {
    public static final String VERSION = "bdfsync.fingerprint/v1";

    private Fingerprint() {
    }

    public static String of(SortedMap<String, Object> attributes, Geometry geometry) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
        StringBuilder sb = new StringBuilder(VERSION).append('\n');
        for (Map.Entry<String, Object> e : attributes.entrySet()) sb.append(e.getKey()).append('=').append(canonical(e.getValue())).append('\n');
        sb.append('G');
        md.update(sb.toString().getBytes(StandardCharsets.UTF_8));
        if (geometry != null) {
            Geometry n = GeometryEquality.normalise(geometry);
            md.update(HexFormat.of().formatHex(IsoWkb.write(n)).getBytes(StandardCharsets.US_ASCII));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static String canonical(Object v) {
        if (v == null) return "N";
        if (v instanceof Boolean) return (Boolean) v ? "B1" : "B0";
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 9.0e15) return "I" + (long) d;
            return "R" + d;
        }
        if (v instanceof Number) return "I" + ((Number) v).longValue();
        if (v instanceof byte[]) return "X" + HexFormat.of().formatHex((byte[]) v);
        return "T" + v;
    }
}
