package fr.bdfsync.core.merge;

import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.GeometryValue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The base fingerprint written with each contributed change and in the sync state: the first 16 hex digits
 * of SHA-256 over the compared attribute values (in national order) and the geometry's WKB bytes. A
 * receiving side recomputes it on its current object: a mismatch is a stale base.
 * <p>
 * The diff engine (branch {@code diff}) owns {@code feature.Fingerprint}; once merged this should use it.
 */
public final class Fingerprints {
    private Fingerprints() {
    }

    public static String of(Feature f, int[] nationalIndexes) {
        if (f == null) return null;
        MessageDigest md = sha256();
        for (int i : nationalIndexes) {
            Object v = i < 0 ? null : f.value(i);
            md.update((byte) 0x1f);
            if (v == null) md.update((byte) 0);
            else if (v instanceof byte[]) md.update((byte[]) v);
            else md.update(canonical(v).getBytes(StandardCharsets.UTF_8));
        }
        md.update((byte) 0x1e);
        GeometryValue g = f.geometry();
        if (g != null) {
            byte[] b = g.storedBytes();
            md.update(b, g.wkbOffset(), b.length - g.wkbOffset());
        }
        return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    }

    private static String canonical(Object v) {
        if (v instanceof Number) {
            double d = ((Number) v).doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
            return Double.toString(d);
        }
        if (v instanceof Boolean) return ((Boolean) v) ? "1" : "0";
        return v.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
