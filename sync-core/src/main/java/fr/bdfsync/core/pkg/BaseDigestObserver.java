package fr.bdfsync.core.pkg;

import fr.bdfsync.core.diff.RowObserver;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.sqlite.Record;
import fr.bdfsync.core.io.sqlite.SqliteTable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The base digest of a national layer and the base fingerprints of its changed rows, computed inside the diff's own
 * read of the national file ({@link RowObserver}): each row of the national side is fingerprinted from its record
 * payload by the same code as the separate base read ({@link NativeNationalScan.RowHasher}), so the values are the same,
 * and no second full read of the layer is needed. The layer digest is a sum (order-free), so partitions add up; the
 * fingerprints of the rows the diff may report (every row not byte-identical to the local row of the same rowid) are
 * kept, memory proportional to the changes. {@link #result} is null when the diff's pure-Java scan did not complete
 * or a row could not be fingerprinted by the reader: the caller then reads the layer itself, under the same snapshot.
 */
final class BaseDigestObserver implements RowObserver {
    private final SqliteTable table;
    private final Schema schema;
    private final List<Sink> sinks = new ArrayList<>();
    private volatile boolean completed;

    private BaseDigestObserver(SqliteTable table, Schema schema) {
        this.table = table;
        this.schema = schema;
    }

    /** An observer of the layer described by {@code table} (null: must be read by SQL), or null when the reader cannot fingerprint it. */
    static BaseDigestObserver of(SqliteTable table, Schema schema) {
        return table == null || NativeNationalScan.RowHasher.of(table, schema) == null ? null : new BaseDigestObserver(table, schema);
    }

    @Override
    public synchronized Partition partition() {
        Sink s = new Sink(NativeNationalScan.RowHasher.of(table, schema));
        sinks.add(s);
        return s;
    }

    @Override
    public void completed() {
        completed = true;
    }

    /** The layer's digest and the fingerprints of {@code wanted} (national fids), or null (see the class comment). */
    synchronized NationalLayer.BaseScan result(Set<Long> wanted) {
        if (!completed) return null;
        LayerDigest digest = new LayerDigest();
        for (Sink s : sinks) {
            if (s.failed) return null;
            digest.add(s.digest);
        }
        HexFormat hex = HexFormat.of();
        Map<Long, String> found = new HashMap<>(Math.max(16, wanted.size() * 2));
        for (Long fid : wanted) {
            for (Sink s : sinks) {
                byte[] d = s.kept.get(fid);
                if (d != null) {
                    found.put(fid, hex.formatHex(d));
                    break;
                }
            }
        }
        return new NationalLayer.BaseScan(digest, found);
    }

    private static final class Sink implements Partition {
        private final NativeNationalScan.RowHasher hasher;
        private final Record record = new Record();
        private final LayerDigest digest = new LayerDigest();
        private final Map<Long, byte[]> kept = new HashMap<>();
        private boolean failed;

        Sink(NativeNationalScan.RowHasher hasher) {
            this.hasher = hasher;
        }

        @Override
        public void row(long rowid, byte[] payload, int length, boolean identicalInB) {
            if (failed) return;
            if (!record.parse(payload, length)) {
                failed = true;
                return;
            }
            try {
                byte[] d = hasher.digest(record, payload, rowid);
                digest.add(d);
                if (!identicalInB) kept.put(rowid, d);
            } catch (SqliteTable.Unsupported e) {
                failed = true;
            }
        }
    }
}
