package fr.bdfsync.core.diff;

import fr.bdfsync.core.feature.FieldType;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import fr.bdfsync.core.io.sqlite.Record;
import fr.bdfsync.core.io.sqlite.SerialType;
import fr.bdfsync.core.io.sqlite.Varint;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The attribute values of a row read with the pure-Java SQLite reader, kept as the row's record bytes and decoded on
 * each access, exactly as {@link GpkgDataset#decode} decodes what JDBC returns. A changed row then costs one byte
 * array (which its {@link fr.bdfsync.core.feature.GeometryValue} shares) instead of a map entry, a boxed value and a
 * string per column: the diff holds every changed row until it writes its output, so this is what its memory, and
 * the garbage collector's work, grow with. Two rows of one layout are compared column by column on their stored
 * bytes ({@link #differingColumns}); only columns whose bytes differ are decoded.
 *
 * <p>A read-only {@link SortedMap} in column-name order (natural String order, as the {@code TreeMap} it replaces).
 * Immutable: the record array is a private copy never written after construction.
 */
final class RecordValues extends AbstractMap<String, Object> implements SortedMap<String, Object> {

    /** Where a table's compared columns lie in its records: names in order, record column (or {@link #ROWID}) and type. */
    static final class Layout {
        /** The column is the table's INTEGER PRIMARY KEY: stored as NULL in the record, its value is the rowid. */
        static final int ROWID = -1;
        private final String[] names;
        private final int[] columns;
        private final FieldType[] types;
        private final Set<String> keySet;
        /** The record column of the geometry (read into a {@code GeometryValue}, not a value of this map), or -1. */
        private final int geometryColumn;

        /**
         * {@code columns.get(name)} is the record column of each name ({@link #ROWID} for the rowid alias);
         * {@code geometryColumn} the record column holding the geometry, or -1.
         */
        Layout(Map<String, Integer> columns, Map<String, FieldType> types, int geometryColumn) {
            this.geometryColumn = geometryColumn;
            this.names = columns.keySet().stream().sorted().toArray(String[]::new);
            this.columns = new int[names.length];
            this.types = new FieldType[names.length];
            for (int i = 0; i < names.length; i++) {
                this.columns[i] = columns.get(names[i]);
                this.types[i] = types.get(names[i]);
                if (this.types[i] == null) throw new IllegalArgumentException("no type for column " + names[i]);
            }
            this.keySet = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(names)));
        }

        /** The highest record column read (-1 when none): a record must hold at least one more column. */
        int maxColumn() {
            int m = -1;
            for (int c : columns) m = Math.max(m, c);
            return m;
        }

        boolean sameAs(Layout o) {
            return this == o || Arrays.equals(names, o.names) && Arrays.equals(columns, o.columns) && Arrays.equals(types, o.types);
        }
    }

    private final Layout layout;
    private final byte[] record;
    private final long rowid;

    /**
     * Values of the record {@code record} (the whole array, a private copy), already checked by {@link Record#parse}
     * and holding more than {@link Layout#maxColumn()} columns.
     */
    RecordValues(Layout layout, byte[] record, long rowid) {
        this.layout = layout;
        this.record = record;
        this.rowid = rowid;
    }

    @Override
    public Object get(Object name) {
        int i = name instanceof String ? Arrays.binarySearch(layout.names, name) : -1;
        return i < 0 ? null : decode(i, null);
    }

    @Override
    public boolean containsKey(Object name) {
        return name instanceof String && Arrays.binarySearch(layout.names, name) >= 0;
    }

    @Override
    public int size() {
        return layout.names.length;
    }

    @Override
    public Set<String> keySet() {
        return layout.keySet;
    }

    /** The value of the {@code i}-th name; {@code parsed} is this record's parsed header, or null to walk it here. */
    private Object decode(int i, Record parsed) {
        int column = layout.columns[i];
        if (column == Layout.ROWID) return rowid;
        long type;
        int at, length;
        if (parsed != null) {
            type = parsed.serialType(column);
            at = parsed.offset(column);
            length = parsed.length(column);
        } else {
            Varint v = new Varint();
            long headerSize = v.read(record, 0, record.length);
            int h = v.end;
            long body = headerSize;
            for (int c = 0; ; c++) {
                long t = v.read(record, h, (int) headerSize);
                h = v.end;
                long len = SerialType.contentLength(t);
                if (c == column) {
                    type = t;
                    at = (int) body;
                    length = (int) len;
                    break;
                }
                body += len;
            }
        }
        return GpkgDataset.decode(raw(type, at, length), layout.types[i]);
    }

    /** The stored value as JDBC gives it (as {@link Record#value}). */
    private Object raw(long type, int at, int length) {
        if (type == SerialType.NULL) return null;
        if (SerialType.isInteger(type)) return SerialType.intValue(record, at, type);
        if (type == SerialType.FLOAT) return SerialType.floatValue(record, at);
        if (SerialType.isText(type)) return new String(record, at, length, StandardCharsets.UTF_8);
        return Arrays.copyOfRange(record, at, at + length);
    }

    private Record parsed() {
        Record r = new Record();
        if (!r.parse(record, record.length)) throw new IllegalStateException("record changed after it was checked");
        return r;
    }

    /**
     * The names whose values may differ between two rows of one layout: the columns whose serial types or stored bytes
     * differ (equal bytes of one type decode to equal values). Null when the layouts differ (compare decoded values).
     */
    static List<String> differingColumns(RecordValues a, RecordValues b) {
        if (!a.layout.sameAs(b.layout)) return null;
        Record ra = a.parsed(), rb = b.parsed();
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < a.layout.names.length; i++) {
            int c = a.layout.columns[i];
            if (c == Layout.ROWID) {
                if (a.rowid != b.rowid) out.add(a.layout.names[i]);
                continue;
            }
            if (ra.serialType(c) != rb.serialType(c)
                    || !Arrays.equals(a.record, ra.offset(c), ra.offset(c) + ra.length(c), b.record, rb.offset(c), rb.offset(c) + rb.length(c))) {
                out.add(a.layout.names[i]);
            }
        }
        return out;
    }

    /**
     * The same values over a copy of the record without the geometry's bytes (its serial type set to NULL): for a row
     * whose geometry is kept elsewhere (an update that left the geometry as it was shares the other state's), so
     * that a change set does not hold the same shape twice. This instance when the layout has no geometry.
     */
    RecordValues withoutGeometry() {
        int g = layout.geometryColumn;
        if (g < 0) return this;
        Record r = parsed();
        if (g >= r.columnCount() || r.serialType(g) == SerialType.NULL) return this;
        int n = r.columnCount();
        int types = 0;
        for (int c = 0; c < n; c++) types += Varint.length(c == g ? SerialType.NULL : r.serialType(c));
        int header = types + 1;
        while (Varint.length(header) + types != header) header = types + Varint.length(header);
        int body = r.bodyEnd() - r.offset(0) - r.length(g);
        byte[] out = new byte[header + body];
        int at = Varint.write(header, out, 0);
        for (int c = 0; c < n; c++) at = Varint.write(c == g ? SerialType.NULL : r.serialType(c), out, at);
        for (int c = 0; c < n; c++) {
            if (c == g) continue;
            System.arraycopy(record, r.offset(c), out, at, r.length(c));
            at += r.length(c);
        }
        return new RecordValues(layout, out, rowid);
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, Object>> iterator() {
                Record parsed = parsed();
                return new Iterator<>() {
                    private int i;

                    @Override
                    public boolean hasNext() {
                        return i < layout.names.length;
                    }

                    @Override
                    public Map.Entry<String, Object> next() {
                        if (i >= layout.names.length) throw new NoSuchElementException();
                        int k = i++;
                        return new SimpleImmutableEntry<>(layout.names[k], decode(k, parsed));
                    }
                };
            }

            @Override
            public int size() {
                return layout.names.length;
            }
        };
    }

    @Override
    public Comparator<? super String> comparator() {
        return null;
    }

    @Override
    public String firstKey() {
        if (layout.names.length == 0) throw new NoSuchElementException();
        return layout.names[0];
    }

    @Override
    public String lastKey() {
        if (layout.names.length == 0) throw new NoSuchElementException();
        return layout.names[layout.names.length - 1];
    }

    @Override
    public SortedMap<String, Object> subMap(String fromKey, String toKey) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(this).subMap(fromKey, toKey));
    }

    @Override
    public SortedMap<String, Object> headMap(String toKey) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(this).headMap(toKey));
    }

    @Override
    public SortedMap<String, Object> tailMap(String fromKey) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(this).tailMap(fromKey));
    }

    @Override
    public Object put(String key, Object value) {
        throw new UnsupportedOperationException("row values are read-only");
    }
}
