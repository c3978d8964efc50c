package fr.bdfsync.core.merge;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import fr.bdfsync.core.io.gpkg.Sql;
import fr.bdfsync.core.io.sqlite.Record;
import fr.bdfsync.core.io.sqlite.SqliteFile;
import fr.bdfsync.core.io.sqlite.SqliteTable;
import fr.bdfsync.core.io.sqlite.TableCursor;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads chosen rows of a GeoPackage layer: the fids of given keys (one scan of two columns), rows by fid
 * (batched primary-key lookups), rows without a key. Used by the delta path, which reads in full only the
 * objects a change touches.
 */
final class RowFetch {
    private static final int BATCH = 500;
    private final GpkgDataset ds;
    private final Schema schema;
    private final String pk;

    RowFetch(GpkgDataset ds, String layer) {
        this.ds = ds;
        this.schema = ds.schema(layer);
        this.pk = schema.primaryKey() != null ? schema.primaryKey() : "rowid";
    }

    /** fid of each wanted key present in the layer. */
    Map<String, Long> fidsOf(String keyColumn, Set<String> wanted) {
        Map<String, Long> out = new HashMap<>();
        if (wanted.isEmpty()) return out;
        String sql = "SELECT " + Sql.id(pk) + ", " + Sql.id(keyColumn) + " FROM " + Sql.id(schema.layer());
        try (Statement st = ds.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String k = rs.getString(2);
                if (k != null && wanted.contains(k.trim())) out.put(k.trim(), rs.getLong(1));
            }
        } catch (SQLException e) {
            throw BdfsyncException.invalid(ds.path(), schema.layer(), null, "cannot read keys: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Rows by fid, in batches of the given order, each batch in fid order (as the SQL {@code IN} query returns them).
     * Read with the pure-Java SQLite reader (a seek per row, no JNI call, no memory map) when it can read the table,
     * else by SQL.
     */
    List<Feature> byFid(Collection<Long> fids) {
        return byFid(fids, null);
    }

    /**
     * {@link #byFid}, decoding only the attributes {@code decode} marks (by field index; null: all) when read with the
     * pure-Java reader, the others left null: for rows read only to be judged by their geometry (and a few values),
     * of which few are kept. By SQL every value is read.
     */
    List<Feature> byFid(Collection<Long> fids, boolean[] decode) {
        if (fids.isEmpty()) return new ArrayList<>();
        List<Feature> read = nativeByFid(fids, decode);
        return read != null ? read : sqlByFid(fids);
    }

    /**
     * The fids in the order {@link #byFid} returns their rows (those present): batches of {@value #BATCH} of the given
     * order, each in fid order.
     */
    static void inReadOrder(Collection<Long> fids, java.util.function.LongConsumer each) {
        long[] all = unboxed(fids);
        long[] batch = new long[BATCH];
        for (int from = 0; from < all.length; from += BATCH) {
            int n = sortedBatch(all, from, Math.min(all.length, from + BATCH), batch);
            for (int i = 0; i < n; i++) each.accept(batch[i]);
        }
    }

    private static long[] unboxed(Collection<Long> fids) {
        long[] all = new long[fids.size()];
        int i = 0;
        for (Long f : fids) all[i++] = f;
        return all;
    }

    /**
     * {@code all[from, to)} sorted, repeats dropped, into {@code into}; returns how many: the order of a {@code TreeSet} of
     * the same fids (what the batches were read in before), without boxing every fid.
     */
    static int sortedBatch(long[] all, int from, int to, long[] into) {
        int n = to - from;
        System.arraycopy(all, from, into, 0, n);
        java.util.Arrays.sort(into, 0, n);
        int m = 0;
        for (int i = 0; i < n; i++) if (m == 0 || into[i] != into[m - 1]) into[m++] = into[i];
        return m;
    }

    private List<Feature> nativeByFid(Collection<Long> fids, boolean[] decode) {
        SqliteTable.Description d = SqliteTable.describe(ds.connection(), ds.path(), schema.layer());
        SqliteTable t = d.table();
        if (t == null || schema.primaryKey() == null || t.rowidAlias() < 0 || !t.columns().get(t.rowidAlias()).name().equalsIgnoreCase(schema.primaryKey())) {
            return null;
        }
        int n = schema.fields().size();
        int[] columns = new int[n];
        for (int i = 0; i < n; i++) if ((columns[i] = t.index(schema.fields().get(i).name())) < 0) return null;
        int geometry = schema.hasGeometry() ? t.index(schema.geometryColumn()) : -1;
        if (schema.hasGeometry() && geometry < 0) return null;
        try (SqliteFile file = SqliteFile.open(ds.path())) {
            if (t.unsupportedIn(file) != null) return null;
            TableCursor c = t.cursor(file);
            Record r = new Record();
            // read in the order of the fids (the cursor's pages then follow one another: a seek in a random order reads a
            // page alone for each row), then given in batches of the given order, each in fid order, as before
            long[] all = unboxed(fids);
            long[] sorted = all.clone();
            java.util.Arrays.sort(sorted);
            int distinct = 0;
            for (int i = 0; i < sorted.length; i++) if (distinct == 0 || sorted[i] != sorted[distinct - 1]) sorted[distinct++] = sorted[i];
            Feature[] read = new Feature[distinct];
            for (int i = 0; i < distinct; i++) read[i] = row(c, r, t, columns, geometry, decode, sorted[i]);
            boolean[] given = new boolean[distinct];
            List<Feature> out = new ArrayList<>(fids.size());
            long[] batch = new long[BATCH];
            for (int from = 0; from < all.length; from += BATCH) {
                int count = sortedBatch(all, from, Math.min(all.length, from + BATCH), batch);
                for (int b = 0; b < count; b++) {
                    int at = java.util.Arrays.binarySearch(sorted, 0, distinct, batch[b]);
                    if (read[at] == null) continue;
                    // a fid given again (in another batch) gets a row of its own, as a second read gave it
                    out.add(given[at] ? row(c, r, t, columns, geometry, decode, batch[b]) : read[at]);
                    given[at] = true;
                }
            }
            return out;
        } catch (SqliteTable.Unsupported e) {
            return null; // a record the reader does not decode: by SQL
        }
    }

    /** The row of {@code fid} (null when the table has none), its attributes decoded as {@code decode} marks (null: all). */
    private Feature row(TableCursor c, Record r, SqliteTable t, int[] columns, int geometry, boolean[] decode, long fid) {
        if (!c.find(fid)) return null;
        if (!r.parse(c.payload(), c.payloadLength())) {
            throw BdfsyncException.invalid(ds.path(), schema.layer(), "fid " + fid, "corrupt record on database page " + c.page());
        }
        int n = columns.length;
        Object[] v = new Object[n];
        for (int i = 0; i < n; i++) if (decode == null || decode[i]) v[i] = value(t.value(r, columns[i], fid), schema.fields().get(i));
        Object blob = geometry < 0 ? null : t.value(r, geometry, fid);
        return new Feature(fid, v, blob instanceof byte[] ? GeometryValue.ofGpkgBlob((byte[]) blob) : null);
    }

    List<Feature> sqlByFid(Collection<Long> fids) {
        List<Feature> out = new ArrayList<>(fids.size());
        List<Long> list = new ArrayList<>(fids);
        for (int from = 0; from < list.size(); from += BATCH) {
            List<Long> batch = list.subList(from, Math.min(list.size(), from + BATCH));
            StringBuilder where = new StringBuilder(Sql.id(pk)).append(" IN (");
            for (int i = 0; i < batch.size(); i++) where.append(i == 0 ? "?" : ",?");
            where.append(')');
            out.addAll(query(where.toString(), batch.toArray()));
        }
        return out;
    }

    List<Feature> withoutKey(String keyColumn) {
        return query(Sql.id(keyColumn) + " IS NULL OR trim(" + Sql.id(keyColumn) + ") = ''", new Object[0]);
    }

    private List<Feature> query(String where, Object[] params) {
        StringBuilder sql = new StringBuilder("SELECT ").append(Sql.id(pk));
        for (Field f : schema.fields()) sql.append(", ").append(Sql.id(f.name()));
        if (schema.hasGeometry()) sql.append(", ").append(Sql.id(schema.geometryColumn()));
        sql.append(" FROM ").append(Sql.id(schema.layer())).append(" WHERE ").append(where).append(" ORDER BY ").append(Sql.id(pk));
        List<Feature> out = new ArrayList<>();
        try (PreparedStatement ps = ds.connection().prepareStatement(sql.toString())) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                int n = schema.fields().size();
                while (rs.next()) {
                    Object[] v = new Object[n];
                    for (int i = 0; i < n; i++) v[i] = value(rs.getObject(i + 2), schema.fields().get(i));
                    GeometryValue g = null;
                    if (schema.hasGeometry()) {
                        byte[] blob = rs.getBytes(n + 2);
                        if (blob != null) g = GeometryValue.ofGpkgBlob(blob);
                    }
                    out.add(new Feature(rs.getLong(1), v, g));
                }
            }
        } catch (SQLException e) {
            throw BdfsyncException.invalid(ds.path(), schema.layer(), null, "cannot read rows: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * The one decoding of a stored value to its field's Java type, shared with {@link GpkgDataset#read}: a sync compares
     * rows read here with rows read there, so a text in a numeric column ('NaN', 'Infinity', which SQLite keeps as
     * text) must come out as the same object either way, or an unchanged value would look changed.
     */
    private static Object value(Object o, Field f) {
        return GpkgDataset.decode(o, f.type());
    }
}
