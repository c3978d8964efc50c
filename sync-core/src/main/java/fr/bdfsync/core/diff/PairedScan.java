package fr.bdfsync.core.diff;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.io.sqlite.Record;
import fr.bdfsync.core.io.sqlite.SerialType;
import fr.bdfsync.core.io.sqlite.TableCursor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;

/**
 * The first pass of a two-way diff read with the pure-Java SQLite reader, for two sides whose tables have the same
 * layout ({@link NativeSide#layout}). Both tables are walked in rowid order at once (a merge join): a row of A and a row
 * of B with the same rowid and the same key are compared by their record payloads, byte for byte, with nothing
 * decoded, hashed or allocated; equal payloads mean equal values (same serial types, same bytes; the INTEGER PRIMARY
 * KEY is stored as NULL, so it never differs). Rows that do not pair up that way (inserted, deleted, or renumbered)
 * go to a {@link KeyTable} with a 128-bit hash of their payload ({@link Hash128}) and are joined by key afterwards.
 * Every key's 64-bit hash is appended to a list per side; the lists are checked for a repeat at the end by bucketing
 * then sorting ({@link LongRepeats}: cheaper than a million random probes of a hash set) and a repeated hash (or a missing key under
 * {@link DiffEngine.UnkeyedRows#REFUSE}) raises {@link ScanFallback}, and the SQL scan reports the keys exactly.
 *
 * <p>The rowid range is cut into one partition per thread; each partition is a merge join of its own, and the rows
 * left over by all partitions are joined together at the end, so a row that moved to another rowid (renumbered fids)
 * still finds its partner in any partition.
 */
final class PairedScan {
    private PairedScan() {
    }

    private static final class Part {
        long unchanged;
        final LongList pairA = new LongList(), pairB = new LongList();
        final KeyTable loneA = new KeyTable(), loneB = new KeyTable();
        final LongList keysA = new LongList(), keysB = new LongList();
        /** Copies of the records of the pairs in pairA/pairB (null where a record is not kept: see {@link RecordRows#decodable}). */
        final List<byte[]> recordA = new ArrayList<>(), recordB = new ArrayList<>();
    }

    /** {@code observerA}: may be null; sees every row of A (its {@link RowObserver#completed} is the caller's). */
    static Candidates join(NativeSide a, NativeSide b, boolean unkeyedByFid, ExecutorService pool, int partitions, RowObserver observerA) {
        TableCursor fa = a.cursor(), fb = b.cursor();
        long firstA = fa.next() ? fa.rowid() : Long.MAX_VALUE, firstB = fb.next() ? fb.rowid() : Long.MAX_VALUE;
        long lastA = a.cursor().lastRowid(), lastB = b.cursor().lastRowid();
        if (firstA == Long.MAX_VALUE && firstB == Long.MAX_VALUE) {
            return new Candidates(new long[0], 0, new long[0], 0, new long[0], new long[0], 0, 0);
        }
        long lo = Math.min(firstA, firstB), hi = Math.max(lastA, lastB);
        int n = Math.max(1, partitions);
        long span = hi - lo;
        if (span < 0 || span < n * 1024L) n = 1; // rowids spanning more than 2^63, or too few rows to share
        long step = n == 1 ? 0 : span / n + 1;
        List<Callable<Part>> tasks = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            long from = k == 0 ? Long.MIN_VALUE : lo + k * step;
            long to = lo + (k + 1) * step;
            boolean bounded = k < n - 1;
            RowObserver.Partition seen = observerA == null ? null : observerA.partition();
            tasks.add(() -> scan(a, b, from, to, bounded, unkeyedByFid, seen));
        }
        List<Part> parts = Parallel.runAll(pool, tasks);
        return combine(parts);
    }

    private static Candidates combine(List<Part> parts) {
        checkUnique(parts, true);
        checkUnique(parts, false);
        long unchanged = 0;
        LongList pairA = new LongList(), pairB = new LongList(), deleted = new LongList(), inserted = new LongList();
        List<byte[]> recordA = new ArrayList<>(), recordB = new ArrayList<>();
        for (Part p : parts) {
            unchanged += p.unchanged;
            for (int i = 0; i < p.pairA.size(); i++) {
                pairA.add(p.pairA.array()[i]);
                pairB.add(p.pairB.array()[i]);
            }
            recordA.addAll(p.recordA);
            recordB.addAll(p.recordB);
        }
        for (Part pa : parts) {
            KeyTable ta = pa.loneA;
            for (int i = 0; i < ta.size(); i++) {
                KeyTable owner = null;
                int j = -1;
                for (Part pb : parts) {
                    j = pb.loneB.findKeyOf(ta, i);
                    if (j >= 0) {
                        owner = pb.loneB;
                        break;
                    }
                }
                if (owner == null) {
                    deleted.add(ta.fid(i));
                    continue;
                }
                owner.mark(j);
                if (ta.attrHash(i) == owner.attrHash(j) && ta.geomHash(i) == owner.geomHash(j)) {
                    unchanged++;
                } else {
                    pairA.add(ta.fid(i));
                    pairB.add(owner.fid(j));
                }
            }
        }
        for (Part pb : parts) {
            KeyTable tb = pb.loneB;
            for (int j = 0; j < tb.size(); j++) if (!tb.marked(j)) inserted.add(tb.fid(j));
            tb.clearMarks();
        }
        // pairs joined by key (after the rowid pairs) were not kept: read again by fid
        byte[][] ra = recordA.toArray(new byte[pairA.size()][]), rb = recordB.toArray(new byte[pairA.size()][]);
        return new Candidates(deleted.array(), deleted.size(), inserted.array(), inserted.size(), pairA.array(), pairB.array(),
                pairA.size(), unchanged, ra, rb);
    }

    /** The merge join of rows with rowids in [from, to) (to unbounded when {@code bounded} is false). */
    private static Part scan(NativeSide a, NativeSide b, long from, long to, boolean bounded, boolean unkeyedByFid, RowObserver.Partition seenA) {
        TableCursor ca = a.cursor(), cb = b.cursor();
        ca.seek(from);
        cb.seek(from);
        if (bounded) {
            ca.limit(to);
            cb.limit(to);
        }
        Part part = new Part();
        KeyReader ka = new KeyReader(a, unkeyedByFid), kb = new KeyReader(b, unkeyedByFid);
        RecordRows rowsA = new RecordRows(a), rowsB = new RecordRows(b);
        long[] h = new long[2];
        boolean hasA = ca.next(), hasB = cb.next();
        while (hasA || hasB) {
            if (hasA && hasB && ca.rowid() == cb.rowid()) {
                ka.read(ca);
                kb.read(cb);
                note(part.keysA, ka);
                note(part.keysB, kb);
                if (Arrays.equals(ka.bytes, ka.from, ka.to, kb.bytes, kb.from, kb.to)) {
                    if (Arrays.equals(ca.payload(), 0, ca.payloadLength(), cb.payload(), 0, cb.payloadLength())) {
                        part.unchanged++;
                        if (seenA != null) seenA.row(ca.rowid(), ca.payload(), ca.payloadLength(), true);
                    } else {
                        if (seenA != null) seenA.row(ca.rowid(), ca.payload(), ca.payloadLength(), false);
                        part.pairA.add(ca.rowid());
                        part.pairB.add(cb.rowid());
                        // the second pass compares these rows: keep their records, read now, rather than read them again
                        part.recordA.add(rowsA.copyIfDecodable(ca.payload(), ca.payloadLength()));
                        part.recordB.add(rowsB.copyIfDecodable(cb.payload(), cb.payloadLength()));
                    }
                } else {
                    if (seenA != null) seenA.row(ca.rowid(), ca.payload(), ca.payloadLength(), false);
                    lone(part.loneA, ka, ca, h);
                    lone(part.loneB, kb, cb, h);
                }
                hasA = ca.next();
                hasB = cb.next();
            } else if (!hasB || hasA && ca.rowid() < cb.rowid()) {
                ka.read(ca);
                note(part.keysA, ka);
                if (seenA != null) seenA.row(ca.rowid(), ca.payload(), ca.payloadLength(), false);
                lone(part.loneA, ka, ca, h);
                hasA = ca.next();
            } else {
                kb.read(cb);
                note(part.keysB, kb);
                lone(part.loneB, kb, cb, h);
                hasB = cb.next();
            }
        }
        return part;
    }

    private static void note(LongList keys, KeyReader k) {
        keys.add(Hash64.hash(k.bytes, k.from, k.to, 7));
    }

    /** Raises {@link ScanFallback} when a key hash of one side repeats: possibly a duplicate key, which the SQL scan reports. */
    private static void checkUnique(List<Part> parts, boolean sideA) {
        int n = 0;
        for (Part p : parts) n += (sideA ? p.keysA : p.keysB).size();
        long[] all = new long[n];
        int at = 0;
        for (Part p : parts) {
            LongList l = sideA ? p.keysA : p.keysB;
            System.arraycopy(l.array(), 0, all, at, l.size());
            at += l.size();
        }
        if (LongRepeats.any(all, n)) throw new ScanFallback("a key hash repeats (possible duplicate keys)");
    }

    private static void lone(KeyTable table, KeyReader k, TableCursor c, long[] h) {
        Hash128.hash(c.payload(), 0, c.payloadLength(), h);
        if (table.add(k.bytes, k.from, k.to, c.rowid(), h[0], h[1]) >= 0) throw new ScanFallback("duplicate keys");
    }

    /** The key of the current row as bytes: text and blob keys in place in the payload, integer keys and rowids as decimal text. */
    private static final class KeyReader {
        private final NativeSide side;
        private final boolean unkeyedByFid;
        private final Record record = new Record();
        private final byte[] digits = new byte[24];
        byte[] bytes;
        int from, to;

        KeyReader(NativeSide side, boolean unkeyedByFid) {
            this.side = side;
            this.unkeyedByFid = unkeyedByFid;
        }

        void read(TableCursor c) {
            int k = side.keyIndex();
            if (k < 0) {
                decimal(c.rowid());
                return;
            }
            byte[] p = c.payload();
            if (!record.parse(p, c.payloadLength())) {
                throw BdfsyncException.invalid(side.file().path(), side.source().layer(), "fid " + c.rowid(),
                        "corrupt record on database page " + c.page());
            }
            if (k >= record.columnCount()) throw new ScanFallback("a record shorter than its key column");
            long t = record.serialType(k);
            if (SerialType.isText(t) || SerialType.isBlob(t)) {
                bytes = p;
                from = record.offset(k);
                to = from + record.length(k);
                if (to > from) return;
            } else if (SerialType.isInteger(t)) {
                decimal(SerialType.intValue(p, record.offset(k), t));
                return;
            } else if (t != SerialType.NULL) {
                throw new ScanFallback("a real-valued key");
            }
            if (!unkeyedByFid) throw new ScanFallback("rows without a key");
            bytes = DiffEngine.provisionalKey(c.rowid()).getBytes(StandardCharsets.UTF_8);
            from = 0;
            to = bytes.length;
        }

        private void decimal(long v) {
            bytes = digits;
            to = digits.length;
            int i = to;
            long x = v;
            do {
                long q = x / 10;
                digits[--i] = (byte) ('0' + Math.abs((int) (x - q * 10)));
                x = q;
            } while (x != 0);
            if (v < 0) digits[--i] = '-';
            from = i;
        }
    }
}
