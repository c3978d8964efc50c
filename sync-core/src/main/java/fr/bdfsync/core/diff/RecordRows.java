package fr.bdfsync.core.diff;

import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.FieldType;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.io.sqlite.Record;
import fr.bdfsync.core.io.sqlite.SerialType;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns records of one side's table, read with the pure-Java reader, into {@link Row}s: the values stay in the
 * record ({@link RecordValues}) and the geometry is a slice of it. One instance per thread (it reuses a parsed header).
 */
final class RecordRows {
    private final RecordValues.Layout layout;
    private final int need;
    private final int geometry;
    private final Record record = new Record();

    RecordRows(NativeSide side) {
        this.layout = layout(side);
        this.geometry = side.geometryIndex();
        this.need = Math.max(layout.maxColumn(), geometry);
    }

    /** The compared columns of the side's records, by (mapped) name; the key is the rowid when it is the primary key. */
    private static RecordValues.Layout layout(NativeSide side) {
        LayerSource src = side.source();
        Map<String, Integer> columns = new HashMap<>();
        Map<String, FieldType> types = new HashMap<>();
        for (Map.Entry<String, Field> c : src.columns().entrySet()) {
            columns.put(c.getKey(), side.columnIndex().get(c.getKey()));
            types.put(c.getKey(), c.getValue().type());
        }
        if (src.keyIsPrimaryKey()) {
            columns.put(src.keyColumn(), RecordValues.Layout.ROWID);
            types.put(src.keyColumn(), FieldType.INTEGER);
        }
        return new RecordValues.Layout(columns, types, side.geometryIndex());
    }

    /**
     * A copy of the record {@code payload[0, length)} when {@link #row} can decode it, else null (a malformed record,
     * one shorter than its table, or a geometry stored as a number: the row is then read by fid, which reports or
     * falls back to SQL).
     */
    byte[] copyIfDecodable(byte[] payload, int length) {
        if (!record.parse(payload, length) || need >= record.columnCount()) return null;
        if (geometry >= 0) {
            long t = record.serialType(geometry);
            if (!SerialType.isBlob(t) && !SerialType.isText(t) && t != SerialType.NULL) return null;
        }
        return Arrays.copyOf(payload, length);
    }

    /**
     * The row of rowid {@code fid} whose record is {@code copy} (a private copy, kept by the row); null when the record
     * is malformed; {@link ScanFallback} when it cannot be decoded here (shorter than its table, a numeric geometry).
     */
    Row row(byte[] copy, long fid) {
        if (!record.parse(copy, copy.length)) return null;
        if (need >= record.columnCount()) throw new ScanFallback("a record shorter than its table");
        GeometryValue g = null;
        if (geometry >= 0) {
            long t = record.serialType(geometry);
            if (SerialType.isBlob(t) || SerialType.isText(t)) {
                g = GeometryValue.ofGpkgBlobSlice(copy, record.offset(geometry), record.offset(geometry) + record.length(geometry));
            } else if (t != SerialType.NULL) {
                throw new ScanFallback("a geometry stored as a number");
            }
        }
        return new Row(fid, new RecordValues(layout, copy, fid), g);
    }
}
