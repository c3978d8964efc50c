package fr.bdfsync.core.match;

import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.GeometryValue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * MD5 (hex) of the attribute values in schema order (each as text, nulls marked, separated by 0x1F) followed by the
 * geometry's WKB bytes (the GeoPackage header is left out, so a rewritten envelope does not count as a change).
 * Like IGN's {@code gcms_fingerprint}: an MD5 of the object as read, used as an optimistic lock, not for security.
 */
public final class Md5FeatureFingerprint implements FeatureFingerprint {
    private static final byte[] NULL = {0};

    @Override
    public String of(Feature f) {
        MessageDigest md = md5();
        for (Object v : f.values()) {
            if (v == null) md.update(NULL);
            else if (v instanceof byte[]) md.update((byte[]) v);
            else md.update(v.toString().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0x1F);
        }
        md.update((byte) 0x1E);
        GeometryValue g = f.geometry();
        if (g != null) {
            byte[] b = g.storedBytes();
            int off = g.wkbOffset();
            md.update(b, off, b.length - off);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has MD5", e);
        }
    }
}
