package fr.bdfsync.core.conflict;

import org.locationtech.jts.geom.Geometry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * Stable conflict identifiers and content hashes.
 * <p>
 * The id is {@code "C" + first 16 hex digits of SHA-256("bdfsync.conflict/v1|" + type + "|" + layer + "|" +
 * sorted keys joined by "," + "|" + subject)}, where subject is the attribute name for attribute conflicts,
 * {@code "geometry"} for geometry conflicts and empty otherwise. It depends only on what the conflict is
 * about, never on values or run order, so a rerun finds the same id.
 * <p>
 * The content hash is the first 16 hex digits of SHA-256 over the national and local values of the conflict
 * (attributes in order, geometries as normalised WKT): a decision recorded with a content hash applies only
 * while the conflict still has that content.
 */
public final class ConflictIds {
    private ConflictIds() {
    }

    public static String id(ConflictType type, String layer, List<String> keys, String subject) {
        List<String> sorted = new ArrayList<>(keys);
        Collections.sort(sorted);
        String material = "bdfsync.conflict/v1|" + type.code() + "|" + layer + "|" + String.join(",", sorted) + "|"
                + (subject == null ? "" : subject);
        return "C" + sha256Hex(material).substring(0, 16);
    }

    public static String contentHash(List<AttributeValues> attributes, Geometry national, Geometry local) {
        StringBuilder sb = new StringBuilder("bdfsync.conflict-content/v1");
        for (AttributeValues a : attributes) {
            sb.append('|').append(a.name()).append('=').append(scalar(a.national())).append('/').append(scalar(a.local()));
        }
        sb.append("|N=").append(geometry(national)).append("|L=").append(geometry(local));
        return sha256Hex(sb.toString()).substring(0, 16);
    }

    private static String scalar(Object v) {
        if (v == null) return "\u2400";
        if (v instanceof Number) {
            double d = ((Number) v).doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) return "N" + (long) d;
            return "N" + d;
        }
        if (v instanceof Boolean) return "B" + v;
        return "S" + v;
    }

    private static String geometry(Geometry g) {
        if (g == null) return "\u2400";
        Geometry n = g.copy();
        n.normalize();
        return n.toText();
    }

    static String sha256Hex(String s) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
