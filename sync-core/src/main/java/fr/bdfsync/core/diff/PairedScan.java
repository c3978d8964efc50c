package fr.bdfsync.core.diff;

import fr.bdfsync.core.Phases;
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
 * go to {@link LoneRows} with a 128-bit hash of their payload ({@link Hash128}) and are joined by key afterwards.
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

    /** What one partition's scan found for one pair (base, other side). */
    private static final class PairPart {
        long unchanged;
        final LongList pairA = new LongList(), pairB = new LongList();
        final LoneRows loneA = new LoneRows(), loneB = new LoneRows();
        final LongList keysB = new LongList();
        /** Copies of the records of the pairs in pairA/pairB (null where a record is not kept: see {@link RecordRows#decodable}). */
        final List<byte[]> recordA = new ArrayList<>(), recordB = new ArrayList<>();
    }

    /** What one partition's scan found: the base's key hashes, and per other side its pair's part. */
    private record Part(LongList keysA, List<PairPart> pairs) {
    }

    /** The two-way scan: side A against side B. */
    static Candidates join(NativeSide a, NativeSide b, boolean unkeyedByFid, ExecutorService pool, int partitions) {
        return join(a, List.of(b), unkeyedByFid, pool, partitions, null, null).get(0);
    }

    /**
     * Scans the base and every other side at once (the base is read once however many sides it is compared with: a
     * three-way diff reads its ancestor once) and returns, per other side, the candidates of the pair (base, side).
     * {@code observerA} (may be null) sees every row of the base, with whether the first other side holds the same row
     * (same rowid, key and payload); its {@link RowObserver#completed} is the caller's. {@code timings} (may be null)
     * is marked after the scan, the check of the keys and the join.
     */
    static List<Candidates> join(NativeSide base, List<NativeSide> others, boolean unkeyedByFid, ExecutorService pool, int partitions,
                                 RowObserver observerA, Phases timings) {
        List<NativeSide> all = new ArrayList<>();
        all.add(base);
        all.addAll(others);
        long lo = Long.MAX_VALUE, hi = Long.MIN_VALUE;
        for (NativeSide s : all) {
            TableCursor c = s.cursor();
            if (c.next()) {
                lo = Math.min(lo, c.rowid());
                hi = Math.max(hi, s.cursor().lastRowid());
            }
        }
        if (lo == Long.MAX_VALUE) {
            List<Candidates> none = new ArrayList<>();
            for (int i = 0; i < others.size(); i++) none.add(new Candidates(new long[0], 0, new long[0], 0, new long[0], new long[0], 0, 0));
            return none;
        }
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
            tasks.add(others.size() == 1 ? () -> scanPair(base, others.get(0), from, to, bounded, unkeyedByFid, seen)
                    : () -> scan(base, others, from, to, bounded, unkeyedByFid, seen));
        }
        List<Part> parts = Parallel.runAll(pool, tasks);
        if (timings != null) timings.mark("scan");
        List<Callable<Void>> checks = new ArrayList<>();
        for (int i = -1; i < others.size(); i++) {
            int side = i;
            checks.add(() -> {
                checkUnique(parts, side);
                return null;
            });
        }
        Parallel.runAll(pool, checks);
        if (timings != null) timings.mark("key check");
        List<Candidates> out = new ArrayList<>();
        for (int i = 0; i < others.size(); i++) out.add(combine(parts, i, pool, Math.max(1, partitions)));
        if (timings != null) timings.mark("join");
        return out;
    }

    /** The candidates of pair (base, side {@code side}) from every partition. */
    private static Candidates combine(List<Part> parts, int side, ExecutorService pool, int threads) {
        long unchanged = 0;
        LongList pairA = new LongList(), pairB = new LongList();
        List<byte[]> recordA = new ArrayList<>(), recordB = new ArrayList<>();
        List<LoneRows> loneA = new ArrayList<>(), loneB = new ArrayList<>();
        for (Part part : parts) {
            PairPart p = part.pairs().get(side);
            unchanged += p.unchanged;
            for (int i = 0; i < p.pairA.size(); i++) {
                pairA.add(p.pairA.array()[i]);
                pairB.add(p.pairB.array()[i]);
            }
            recordA.addAll(p.recordA);
            recordB.addAll(p.recordB);
            loneA.add(p.loneA);
            loneB.add(p.loneB);
        }
        LoneRows.Joined joined = LoneRows.join(loneA, loneB, pool, threads);
        unchanged += joined.unchanged();
        for (int i = 0; i < joined.pairA().size(); i++) {
            pairA.add(joined.pairA().array()[i]);
            pairB.add(joined.pairB().array()[i]);
        }
        LongList deleted = joined.deleted(), inserted = joined.inserted();
        // pairs joined by key (after the rowid pairs) were not kept: read again by fid
        byte[][] ra = recordA.toArray(new byte[pairA.size()][]), rb = recordB.toArray(new byte[pairA.size()][]);
        return new Candidates(deleted.array(), deleted.size(), inserted.array(), inserted.size(), pairA.array(), pairB.array(),
                pairA.size(), unchanged, ra, rb);
    }

    /** The merge join of the base with every other side over rows with rowids in [from, to) (to unbounded when {@code bounded} is false). */
    private static Part scan(NativeSide base, List<NativeSide> others, long from, long to, boolean bounded, boolean unkeyedByFid,
                             RowObserver.Partition seenA) {
        int k = others.size();
        TableCursor ca = base.cursor();
        TableCursor[] cb = new TableCursor[k];
        for (int i = 0; i < k; i++) cb[i] = others.get(i).cursor();
        ca.seek(from);
        for (TableCursor c : cb) c.seek(from);
        if (bounded) {
            ca.limit(to);
            for (TableCursor c : cb) c.limit(to);
        }
        Part part = new Part(new LongList(), new ArrayList<>());
        KeyReader ka = new KeyReader(base, unkeyedByFid);
        KeyReader[] kb = new KeyReader[k];
        RecordRows rowsA = new RecordRows(base);
        RecordRows[] rowsB = new RecordRows[k];
        for (int i = 0; i < k; i++) {
            part.pairs().add(new PairPart());
            kb[i] = new KeyReader(others.get(i), unkeyedByFid);
            rowsB[i] = new RecordRows(others.get(i));
        }
        long[] h = new long[2], hb = new long[2];
        boolean hasA = ca.next();
        boolean[] hasB = new boolean[k];
        for (int i = 0; i < k; i++) hasB[i] = cb[i].next();
        while (true) {
            long r = hasA ? ca.rowid() : Long.MAX_VALUE;
            boolean any = hasA;
            for (int i = 0; i < k; i++) {
                if (hasB[i]) {
                    any = true;
                    r = Math.min(r, cb[i].rowid());
                }
            }
            if (!any) break;
            boolean baseHere = hasA && ca.rowid() == r;
            long keyA = 0;
            boolean hashed = false;
            byte[] keptA = null;
            boolean identicalInFirst = false;
            if (baseHere) {
                ka.read(ca);
                keyA = note(part.keysA(), ka);
            }
            for (int i = 0; i < k; i++) {
                PairPart pp = part.pairs().get(i);
                TableCursor c = cb[i];
                if (hasB[i] && c.rowid() == r) {
                    kb[i].read(c);
                    long keyB = note(pp.keysB, kb[i]);
                    if (baseHere && Arrays.equals(ka.bytes, ka.from, ka.to, kb[i].bytes, kb[i].from, kb[i].to)) {
                        if (Arrays.equals(ca.payload(), 0, ca.payloadLength(), c.payload(), 0, c.payloadLength())) {
                            pp.unchanged++;
                            if (i == 0) identicalInFirst = true;
                        } else {
                            pp.pairA.add(r);
                            pp.pairB.add(r);
                            // the second pass compares these rows: keep their records, read now, rather than read them again
                            if (keptA == null) keptA = rowsA.copyIfDecodable(ca.payload(), ca.payloadLength());
                            pp.recordA.add(keptA);
                            pp.recordB.add(rowsB[i].copyIfDecodable(c.payload(), c.payloadLength()));
                        }
                    } else {
                        lone(pp.loneB, kb[i], keyB, c, hb);
                        if (baseHere) hashed = loneBase(pp, ka, keyA, ca, h, hashed);
                    }
                    hasB[i] = c.next();
                } else if (baseHere) {
                    hashed = loneBase(pp, ka, keyA, ca, h, hashed);
                }
            }
            if (baseHere) {
                if (seenA != null) seenA.row(r, ca.payload(), ca.payloadLength(), identicalInFirst);
                hasA = ca.next();
            }
        }
        return part;
    }

    /**
     * {@link #scan} with one other side, in a loop of its own: the general loop over k sides cost about a sixth more
     * CPU time on a two-way diff at 1M rows per layer (the compiler does less with it).
     */
    private static Part scanPair(NativeSide a, NativeSide b, long from, long to, boolean bounded, boolean unkeyedByFid,
                                 RowObserver.Partition seenA) {
        TableCursor ca = a.cursor(), cb = b.cursor();
        ca.seek(from);
        cb.seek(from);
        if (bounded) {
            ca.limit(to);
            cb.limit(to);
        }
        PairPart pp = new PairPart();
        Part part = new Part(new LongList(), List.of(pp));
        KeyReader ka = new KeyReader(a, unkeyedByFid), kb = new KeyReader(b, unkeyedByFid);
        RecordRows rowsA = new RecordRows(a), rowsB = new RecordRows(b);
        long[] h = new long[2];
        boolean hasA = ca.next(), hasB = cb.next();
        while (hasA || hasB) {
            if (hasA && hasB && ca.rowid() == cb.rowid()) {
                ka.read(ca);
                kb.read(cb);
                long ha = note(part.keysA(), ka), hb = note(pp.keysB, kb);
                if (Arrays.equals(ka.bytes, ka.from, ka.to, kb.bytes, kb.from, kb.to)) {
                    if (Arrays.equals(ca.payload(), 0, ca.payloadLength(), cb.payload(), 0, cb.payloadLength())) {
                        pp.unchanged++;
                        if (seenA != null) seenA.row(ca.rowid(), ca.payload(), ca.payloadLength(), true);
                    } else {
                        if (seenA != null) seenA.row(ca.rowid(), ca.payload(), ca.payloadLength(), false);
                        pp.pairA.add(ca.rowid());
                        pp.pairB.add(cb.rowid());
                        // the second pass compares these rows: keep their records, read now, rather than read them again
                        pp.recordA.add(rowsA.copyIfDecodable(ca.payload(), ca.payloadLength()));
                        pp.recordB.add(rowsB.copyIfDecodable(cb.payload(), cb.payloadLength()));
                    }
                } else {
                    if (seenA != null) seenA.row(ca.rowid(), ca.payload(), ca.payloadLength(), false);
                    lone(pp.loneA, ka, ha, ca, h);
                    lone(pp.loneB, kb, hb, cb, h);
                }
                hasA = ca.next();
                hasB = cb.next();
            } else if (!hasB || hasA && ca.rowid() < cb.rowid()) {
                ka.read(ca);
                long ha = note(part.keysA(), ka);
                if (seenA != null) seenA.row(ca.rowid(), ca.payload(), ca.payloadLength(), false);
                lone(pp.loneA, ka, ha, ca, h);
                hasA = ca.next();
            } else {
                kb.read(cb);
                lone(pp.loneB, kb, note(pp.keysB, kb), cb, h);
                hasB = cb.next();
            }
        }
        return part;
    }

    private static void lone(LoneRows rows, KeyReader k, long keyHash, TableCursor c, long[] h) {
        Hash128.hash(c.payload(), 0, c.payloadLength(), h);
        rows.add(k.bytes, k.from, k.to, keyHash, c.rowid(), h[0], h[1]);
    }

    /** Adds the base's current row to a pair's lone rows, hashing its payload once for all pairs; returns true. */
    private static boolean loneBase(PairPart pp, KeyReader ka, long keyHash, TableCursor ca, long[] h, boolean hashed) {
        if (!hashed) Hash128.hash(ca.payload(), 0, ca.payloadLength(), h);
        pp.loneA.add(ka.bytes, ka.from, ka.to, keyHash, ca.rowid(), h[0], h[1]);
        return true;
    }

    /** Raises {@link ScanFallback} when a key hash of one side (-1: the base) repeats: possibly a duplicate key, which the SQL scan reports. */
    private static void checkUnique(List<Part> parts, int side) {
        int n = 0;
        for (Part p : parts) n += keys(p, side).size();
        long[] all = new long[n];
        int at = 0;
        for (Part p : parts) {
            LongList l = keys(p, side);
            System.arraycopy(l.array(), 0, all, at, l.size());
            at += l.size();
        }
        if (LongRepeats.any(all, n)) throw new ScanFallback("a key hash repeats (possible duplicate keys)");
    }

    private static LongList keys(Part p, int side) {
        return side < 0 ? p.keysA() : p.pairs().get(side).keysB;
    }

    /** Notes the key's hash for the repeat check, and returns it. */
    private static long note(LongList keys, KeyReader k) {
        long h = Hash64.hash(k.bytes, k.from, k.to, 7);
        keys.add(h);
        return h;
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
