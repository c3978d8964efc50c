package fr.bdfsync.core.pkg;

import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.Schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
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
    /** The attribute part of the row being fingerprinted, {@code buf[0, n)}. */
    private byte[] buf = new byte[512];
    private int n;

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

    /**
     * Text already encoded in UTF-8 ({@code bytes[offset, offset + length)}), fingerprinted as the String it decodes
     * to: for callers that hold the stored bytes and have checked they are valid UTF-8 (no String is made). Mutable,
     * meant to be reused from row to row.
     */
    public static final class Utf8Text {
        byte[] bytes;
        int offset;
        int length;

        public Utf8Text set(byte[] bytes, int offset, int length) {
            this.bytes = bytes;
            this.offset = offset;
            this.length = length;
            return this;
        }
    }

    /**
     * The raw 32-byte digest of values (aligned with the schema's fields; each null, a Number, Boolean, byte[],
     * {@link Utf8Text} or anything else by its {@code toString()}) and WKB bytes {@code wkb[offset..]}. The attribute
     * part is gathered in one reused buffer and given to SHA-256 in one call.
     */
    public byte[] digest(Object[] values, byte[] wkb, int offset) {
        return digest(values, wkb, offset, wkb == null ? 0 : wkb.length);
    }

    /** As {@link #digest(Object[], byte[], int)} with the WKB bytes {@code wkb[from, to)}. */
    public byte[] digest(Object[] values, byte[] wkb, int from, int to) {
        n = 0;
        for (int k = 0; k < order.length; k++) {
            put(nameBytes[k], 0, nameBytes[k].length);
            put((byte) 0);
            value(values[order[k]]);
            put((byte) 0x1E);
        }
        if (wkb == null) {
            put((byte) 'N');
            sha.update(buf, 0, n);
        } else {
            put((byte) 'G');
            sha.update(buf, 0, n);
            sha.update(wkb, from, to - from);
        }
        return sha.digest();
    }

    public String hex(Object[] values, byte[] wkb, int offset) {
        return HexFormat.of().formatHex(digest(values, wkb, offset));
    }

    private void value(Object v) {
        if (v == null) {
            put((byte) 'N');
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            longValue(((Number) v).longValue());
        } else if (v instanceof Number) {
            double d = ((Number) v).doubleValue();
            if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 9.0e15) {
                longValue((long) d);
            } else {
                put((byte) 'R');
                putLong(Double.doubleToLongBits(d));
            }
        } else if (v instanceof Boolean) {
            put((byte) 'B');
            put((byte) (((Boolean) v) ? 1 : 0));
        } else if (v instanceof byte[]) {
            put((byte) 'X');
            put((byte[]) v, 0, ((byte[]) v).length);
        } else if (v instanceof Utf8Text) {
            Utf8Text t = (Utf8Text) v;
            put((byte) 'T');
            put(t.bytes, t.offset, t.length);
        } else {
            put((byte) 'T');
            byte[] b = v.toString().getBytes(StandardCharsets.UTF_8);
            put(b, 0, b.length);
        }
    }

    private void longValue(long l) {
        put((byte) 'I');
        putLong(l);
    }

    private void putLong(long l) {
        ensure(8);
        for (int i = 7; i >= 0; i--) {
            buf[n + i] = (byte) l;
            l >>>= 8;
        }
        n += 8;
    }

    private void put(byte b) {
        ensure(1);
        buf[n++] = b;
    }

    private void put(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, n, len);
        n += len;
    }

    private void ensure(int more) {
        if (n + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
    }
}
