package fr.bdfsync.core.conflict;

import org.locationtech.jts.geom.Geometry;

import java.nio.charset.StandardCharsets;
import fr.bdfsync.core.feature.IsoWkb;
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
 * (attributes in order, geometries as the ISO WKB of their normalised form; {@code conflict-content/v2}:
 * v1 hashed normalised WKT, slower to format): a decision recorded with a content hash applies only
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
        StringBuilder sb = new StringBuilder("bdfsync.conflict-content/v2");
        for (AttributeValues a : attributes) {
            sb.append('|').append(a.name()).append('=').append(scalar(a.national())).append('/').append(scalar(a.local()));
        }
        MessageDigest md = sha256();
        md.update(sb.toString().getBytes(StandardCharsets.UTF_8));
        geometry(md, "|N=", national);
        geometry(md, "|L=", local);
        return HexFormat.of().formatHex(md.digest()).substring(0, 16);
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

    /** A geometry as the ISO WKB of its normalised form (no text formatting: conflicts may be many). */
    private static void geometry(MessageDigest md, String tag, Geometry g) {
        md.update(tag.getBytes(StandardCharsets.UTF_8));
        if (g == null) {
            md.update("\u2400".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Geometry n = g.copy();
        n.normalize();
        md.update(IsoWkb.write(n, IsoWkb.hasZ(n), false));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    static String sha256Hex(String s) {
        return HexFormat.of().formatHex(sha256().digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
