package fr.bdfsync.core.pkg;

import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.Schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * Fingerprint {@code bdfsync-row-sha256/1} of a national object (docs/package-format.md, section 2):
 * SHA-256 over its attributes in name order and its WKB bytes. Built once per layer schema; not thread-safe.
 */
public final class RowFingerprint {
    public static final String ALGORITHM = "bdfsync-row-sha256/1";

    private final String[] names;
    private final byte[][] nameBytes;
    /** For each name, its index in the schema's fields. */
    private final int[] order;
    private final MessageDigest sha;
    private final byte[] eight = new byte[8];

    public RowFingerprint(Schema schema) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < schema.fields().size(); i++) idx.add(i);
        List<Field> fields = schema.fields();
        idx.sort(Comparator.comparing(i -> fields.get(i).name()));
        order = idx.stream().mapToInt(Integer::intValue).toArray();
        names = new String[order.length];
        nameBytes = new byte[order.length][];
        for (int k = 0; k < order.length; k++) {
            names[k] = fields.get(order[k]).name();
            nameBytes[k] = names[k].getBytes(StandardCharsets.UTF_8);
        }
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The raw 32-byte digest of values (aligned with the schema's fields) and WKB bytes {@code wkb[offset..]}. */
    public byte[] digest(Object[] values, byte[] wkb, int offset) {
        for (int k = 0; k < order.length; k++) {
            sha.update(nameBytes[k]);
            sha.update((byte) 0);
            value(values[order[k]]);
            sha.update((byte) 0x1E);
        }
        if (wkb == null) {
            sha.update((byte) 'N');
        } else {
            sha.update((byte) 'G');
            sha.update(wkb, offset, wkb.length - offset);
        }
        return sha.digest();
    }

    public String hex(Object[] values, byte[] wkb, int offset) {
        return HexFormat.of().formatHex(digest(values, wkb, offset));
    }

    private void value(Object v) {
        if (v == null) {
            sha.update((byte) 'N');
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            longValue(((Number) v).longValue());
        } else if (v instanceof Number) {
            double d = ((Number) v).doubleValue();
            if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 9.0e15) {
                longValue((long) d);
            } else {
                sha.update((byte) 'R');
                putLong(Double.doubleToLongBits(d));
            }
        } else if (v instanceof Boolean) {
            sha.update((byte) 'B');
            sha.update((byte) (((Boolean) v) ? 1 : 0));
        } else if (v instanceof byte[]) {
            sha.update((byte) 'X');
            sha.update((byte[]) v);
        } else {
            sha.update((byte) 'T');
            sha.update(v.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private void longValue(long l) {
        sha.update((byte) 'I');
        putLong(l);
    }

    private void putLong(long l) {
        for (int i = 7; i >= 0; i--) {
            eight[i] = (byte) l;
            l >>>= 8;
        }
        sha.update(eight);
    }
}
