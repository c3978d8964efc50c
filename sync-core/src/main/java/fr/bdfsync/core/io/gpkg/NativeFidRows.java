package fr.bdfsync.core.io.gpkg;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.FieldType;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.AbstractFeatureCursor;
import fr.bdfsync.core.io.FeatureCursor;
import fr.bdfsync.core.io.sqlite.Record;
import fr.bdfsync.core.io.sqlite.SqliteFile;
import fr.bdfsync.core.io.sqlite.SqliteTable;
import fr.bdfsync.core.io.sqlite.TableCursor;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The rows of given fids of a GeoPackage layer, read by the pure-Java SQLite reader ({@code io.sqlite}): one B-tree
 * descent per fid (interior pages kept between descents), pages read with positional reads. Gives the same features
 * as {@link GpkgDataset#read(String, long[])} (values as sqlite-jdbc returns them, then {@link GpkgDataset#decode}),
 * without JNI copies and without SQLite's memory map (whose pages a process's resident size counts: reading half a
 * 3 GB national file through it added about 2 GiB of RSS). Falls back to SQL where the reader cannot give the values
 * SQL gives ({@link SqliteTable#describe}): {@link #open} then answers the SQL cursor, and a record the reader turns
 * down in the middle of the stream hands the remaining fids to SQL.
 */
public final class NativeFidRows {
    private NativeFidRows() {
    }

    /** The rows of {@code sortedFids} (ascending; fids absent from the layer are skipped), in fid order. */
    public static FeatureCursor open(GpkgDataset ds, String layer, long[] sortedFids) {
        Schema schema = ds.schema(layer);
        SqliteTable t = SqliteTable.describe(ds.connection(), ds.path(), layer).table();
        if (t == null || schema.primaryKey() == null || t.rowidAlias() < 0
                || !t.columns().get(t.rowidAlias()).name().equalsIgnoreCase(schema.primaryKey())) {
            return ds.read(layer, sortedFids);
        }
        int n = schema.fields().size();
        int[] columns = new int[n];
        for (int i = 0; i < n; i++) if ((columns[i] = t.index(schema.fields().get(i).name())) < 0) return ds.read(layer, sortedFids);
        int geometry = schema.hasGeometry() ? t.index(schema.geometryColumn()) : -1;
        if (schema.hasGeometry() && geometry < 0) return ds.read(layer, sortedFids);
        SqliteFile file = SqliteFile.open(ds.path());
        if (t.unsupportedIn(file) != null) {
            file.close();
            return ds.read(layer, sortedFids);
        }
        return new Cursor(ds, schema, t, file, columns, geometry, sortedFids);
    }

    private static final class Cursor extends AbstractFeatureCursor {
        private final GpkgDataset ds;
        private final Schema schema;
        private final SqliteTable table;
        private final SqliteFile file;
        private final TableCursor cursor;
        private final Record record = new Record();
        private final int[] columns;
        private final FieldType[] types;
        private final int geometry;
        private final long[] fids;
        private final GeometryValue.Source source;
        private int next;
        private FeatureCursor bySql; // the rest, after a record the reader turned down

        Cursor(GpkgDataset ds, Schema schema, SqliteTable table, SqliteFile file, int[] columns, int geometry, long[] fids) {
            this.ds = ds;
            this.schema = schema;
            this.table = table;
            this.file = file;
            this.cursor = table.cursor(file);
            this.columns = columns;
            this.types = schema.fields().stream().map(Field::type).toArray(FieldType[]::new);
            this.geometry = geometry;
            this.fids = fids;
            this.source = new GeometryValue.Source(ds.path(), schema.layer());
        }

        @Override
        protected Feature fetch() {
            if (bySql != null) return bySql.hasNext() ? bySql.next() : null;
            while (next < fids.length) {
                long fid = fids[next];
                if (!cursor.find(fid)) {
                    next++;
                    continue;
                }
                if (!record.parse(cursor.payload(), cursor.payloadLength())) {
                    throw BdfsyncException.invalid(ds.path(), schema.layer(), "fid " + fid, "corrupt record on database page " + cursor.page());
                }
                try {
                    Object[] values = new Object[columns.length];
                    for (int i = 0; i < columns.length; i++) values[i] = GpkgDataset.decode(table.value(record, columns[i], fid), types[i]);
                    GeometryValue g = null;
                    Object blob = geometry < 0 ? null : table.value(record, geometry, fid);
                    if (blob != null) {
                        // as ResultSet.getBytes: a text value gives its UTF-8 bytes
                        byte[] bytes = blob instanceof byte[] b ? b : blob.toString().getBytes(StandardCharsets.UTF_8);
                        try {
                            g = GeometryValue.ofGpkgBlob(bytes, source, fid);
                        } catch (IllegalArgumentException e) {
                            throw BdfsyncException.invalid(ds.path(), schema.layer(), "fid " + fid, e.getMessage());
                        }
                    }
                    next++;
                    return new Feature(fid, values, g);
                } catch (SqliteTable.Unsupported e) {
                    bySql = ds.read(schema.layer(), Arrays.copyOfRange(fids, next, fids.length));
                    next = fids.length;
                    return bySql.hasNext() ? bySql.next() : null;
                }
            }
            return null;
        }

        @Override
        protected void release() {
            file.close();
            if (bySql != null) bySql.close();
        }
    }
}
