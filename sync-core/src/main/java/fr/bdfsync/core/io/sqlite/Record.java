package fr.bdfsync.core.io.sqlite;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A parsed record header over a payload buffer (file format §2.1): per column its serial type and the offset and
 * length of its bytes in the buffer. {@link #parse} reuses the instance's arrays, so a scan parses every row
 * without allocating; columns are then compared or hashed in place, and decoded ({@link #value}) only on demand.
 * A record may hold fewer columns than its table (columns added later by ALTER TABLE take their default value).
 */
public final class Record {
    private final Varint varint = new Varint();
    private byte[] buf;
    private int columns;
    private long[] types = new long[16];
    private int[] offsets = new int[17];

    /**
     * Parses the header of the record {@code buf[0, length)}; false when it is malformed (header size or a column
     * outside the payload, a reserved serial type).
     */
    public boolean parse(byte[] buf, int length) {
        this.buf = buf;
        columns = 0;
        long headerSize = varint.read(buf, 0, length);
        if (varint.end < 0 || headerSize < varint.end || headerSize > length) return false;
        int at = varint.end;
        long body = headerSize;
        while (at < headerSize) {
            long type = varint.read(buf, at, (int) headerSize);
            if (varint.end < 0) return false;
            at = varint.end;
            long len = SerialType.contentLength(type);
            if (len < 0 || body + len > length) return false;
            if (columns == types.length) {
                types = Arrays.copyOf(types, columns * 2);
                offsets = Arrays.copyOf(offsets, columns * 2 + 1);
            }
            types[columns] = type;
            offsets[columns] = (int) body;
            body += len;
            columns++;
        }
        offsets[columns] = (int) body;
        return true;
    }

    public int columnCount() {
        return columns;
    }

    public long serialType(int column) {
        return types[column];
    }

    /** Offset of the column's bytes in the payload buffer. */
    public int offset(int column) {
        return offsets[column];
    }

    /** Length of the column's bytes. */
    public int length(int column) {
        return offsets[column + 1] - offsets[column];
    }

    /** End of the record body (the bytes after it, if any, are not part of any column). */
    public int bodyEnd() {
        return offsets[columns];
    }

    /**
     * The column's value as JDBC would give it: null, Long, Double, String (decoded with {@code charset}) or byte[];
     * for a column beyond the record's count, null. {@code rowid} is not substituted here: callers reading an
     * INTEGER PRIMARY KEY column (stored as NULL) take the rowid themselves.
     */
    public Object value(int column, Charset charset) {
        if (column >= columns) return null;
        long t = types[column];
        int at = offsets[column];
        if (t == SerialType.NULL) return null;
        if (SerialType.isInteger(t)) return SerialType.intValue(buf, at, t);
        if (t == SerialType.FLOAT) return SerialType.floatValue(buf, at);
        if (SerialType.isText(t)) return new String(buf, at, length(column), charset);
        return Arrays.copyOfRange(buf, at, at + length(column));
    }

    /** {@link #value(int, Charset)} in UTF-8. */
    public Object value(int column) {
        return value(column, StandardCharsets.UTF_8);
    }
}
