package fr.bdfsync.core.diff;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import fr.bdfsync.core.io.gpkg.Sql;
import fr.bdfsync.core.io.sqlite.TableCursor;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The second pass: reads and decodes the full rows of the few fids whose stored bytes differ, in fid order: by SQL
 * in batches, or with the pure-Java reader (one B-tree descent per row, interior pages kept from row to row). Rows are
 * returned in the order of the fids asked for ({@code out[i]} is fid {@code fids[i]}'s row, null when there is none),
 * so that the caller finds a row by its position, not through a map of boxed fids.
 */
final class RowFetcher {
    private static final int BATCH = 500;

    private RowFetcher() {
    }

    /**
     * Reads the rows with the pure-Java reader, values decoded as the SQL path decodes them ({@link GpkgDataset#decode}).
     * Throws {@link ScanFallback} for a record shorter than its table (a column added later keeps its default value
     * outside the record) or a geometry stored as a number.
     */
    static Row[] fetch(NativeSide side, long[] fids) {
        int n = fids.length;
        long[] sorted = fids.clone(), slot = new long[n];
        for (int i = 0; i < n; i++) slot[i] = i;
        LongPairs.sortByFirst(sorted, slot, n);
        RecordRows rows = new RecordRows(side);
        TableCursor cursor = side.cursor();
        Row[] out = new Row[n];
        for (int i = 0; i < n; i++) {
            long fid = sorted[i];
            if (!cursor.find(fid)) continue;
            // the row keeps its own copy of the record: its values are decoded from it, its geometry is a slice of it
            Row r = rows.row(Arrays.copyOf(cursor.payload(), cursor.payloadLength()), fid);
            if (r == null) {
                throw BdfsyncException.invalid(side.file().path(), side.source().layer(), "fid " + fid, "corrupt record on database page " + cursor.page());
            }
            out[(int) slot[i]] = r;
        }
        return out;
    }

    static Row[] fetch(LayerSource src, long[] fids) {
        long[] sorted = fids.clone();
        Arrays.sort(sorted);
        List<Map.Entry<String, Field>> cols = new ArrayList<>(src.columns().entrySet());
        StringBuilder select = new StringBuilder("SELECT ").append(src.fidExpression());
        for (Map.Entry<String, Field> c : cols) select.append(", ").append(Sql.id(c.getValue().name()));
        boolean geom = src.schema().hasGeometry();
        if (geom) select.append(", ").append(Sql.id(src.schema().geometryColumn()));
        if (src.keyIsPrimaryKey()) select.append(", ").append(src.fidExpression());
        select.append(" FROM ").append(Sql.id(src.layer())).append(" WHERE ").append(src.fidExpression()).append(" IN (");
        Map<Long, Row> out = new HashMap<>(sorted.length * 2);
        try (Statement st = src.dataset().connection().createStatement()) {
            for (int from = 0; from < sorted.length; from += BATCH) {
                StringBuilder sql = new StringBuilder(select);
                int to = Math.min(sorted.length, from + BATCH);
                for (int i = from; i < to; i++) sql.append(i == from ? "" : ",").append(sorted[i]);
                sql.append(')');
                try (ResultSet rs = st.executeQuery(sql.toString())) {
                    while (rs.next()) {
                        long fid = rs.getLong(1);
                        TreeMap<String, Object> values = new TreeMap<>();
                        for (int i = 0; i < cols.size(); i++) {
                            values.put(cols.get(i).getKey(), GpkgDataset.decode(rs.getObject(i + 2), cols.get(i).getValue().type()));
                        }
                        if (src.keyIsPrimaryKey()) values.put(src.keyColumn(), rs.getLong(cols.size() + (geom ? 3 : 2)));
                        GeometryValue g = null;
                        if (geom) {
                            byte[] blob = rs.getBytes(cols.size() + 2);
                            if (blob != null) g = GeometryValue.ofGpkgBlob(blob);
                        }
                        out.put(fid, new Row(fid, values, g));
                    }
                }
            }
        } catch (SQLException e) {
            throw BdfsyncException.invalid(src.dataset().path(), src.layer(), null, "cannot read rows: " + e.getMessage(), e);
        }
        Row[] aligned = new Row[fids.length];
        for (int i = 0; i < fids.length; i++) aligned[i] = out.get(fids[i]);
        return aligned;
    }
}
