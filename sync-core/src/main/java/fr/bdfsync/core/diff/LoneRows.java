package fr.bdfsync.core.diff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;

/**
 * The rows of one side that the pure-Java scan could not pair up by rowid (inserted, deleted or renumbered), kept
 * for the join by key at the end of the scan: per row its key's bytes, the key's 64-bit hash, the fid and the
 * 128-bit hash of its record payload, in primitive arrays filled in scan order (about 60 bytes a row with a
 * 24-byte key, no object per row).
 *
 * <p>Appending does no lookup: the keys of a side are checked for repeats once, over all of the side's rows, by
 * {@link LongRepeats}, before {@link #join} runs. The join partitions both sides by the top bits of the key hash
 * (a counting sort on one digit, as {@link LongRepeats} does) and matches each small bucket of A with the same
 * bucket of B, then checks the key bytes of the pairs in A's order: only B's rows are then read at random. A hash
 * table of a million rows probed at random (the previous design, still {@link KeyTable} on the SQL path) spent most
 * of its time waiting for memory: a quarter of a renumbered diff's CPU time at 1M rows per layer.
 */
final class LoneRows {
    private byte[] arena = new byte[1 << 12];
    private int arenaLength;
    private int[] keyStart = new int[257];
    private long[] keyHashes = new long[256];
    private long[] fids = new long[256];
    private long[] hashLo = new long[256];
    private long[] hashHi = new long[256];
    private int size;

    int size() {
        return size;
    }

    long fid(int i) {
        return fids[i];
    }

    /** Appends a row whose key is {@code key[from, to)}, with {@code keyHash} = {@link Hash64#hash}{@code (key, from, to, 7)}. */
    void add(byte[] key, int from, int to, long keyHash, long fid, long payloadLo, long payloadHi) {
        int length = to - from;
        if (size == fids.length) {
            int n = size * 2;
            keyStart = Arrays.copyOf(keyStart, n + 1);
            keyHashes = Arrays.copyOf(keyHashes, n);
            fids = Arrays.copyOf(fids, n);
            hashLo = Arrays.copyOf(hashLo, n);
            hashHi = Arrays.copyOf(hashHi, n);
        }
        if (arenaLength + length > arena.length) arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaLength + length));
        System.arraycopy(key, from, arena, arenaLength, length);
        keyStart[size] = arenaLength;
        arenaLength += length;
        keyStart[size + 1] = arenaLength;
        keyHashes[size] = keyHash;
        fids[size] = fid;
        hashLo[size] = payloadLo;
        hashHi[size] = payloadHi;
        size++;
    }

    /** What {@link #join} finds: fids of A's rows without a partner, of B's, the pairs whose payload hashes differ, and the count of equal pairs. */
    record Joined(LongList deleted, LongList inserted, LongList pairA, LongList pairB, long unchanged) {
    }

    /** Joins on one thread (tests). */
    static Joined join(List<LoneRows> a, List<LoneRows> b) {
        return join(a, b, null, 1);
    }

    /**
     * Joins the rows of side A (in any number of parts, in scan order) with those of side B by key. Keys must be unique
     * within each side (the caller checked their hashes). Output fids follow the parts' order (ascending fids when the
     * parts are consecutive rowid ranges); pairs follow A's order.
     *
     * <p>Two steps. (1) Both sides are partitioned by the top bits of the key hash and each bucket of A is matched with
     * the same bucket of B on the 64-bit key hash alone: {@code partner[a]} = B's row. (2) A's rows are walked in
     * order and each partner's key bytes are checked equal, so only B's side is read at random; a pair whose payload
     * hashes are equal is unchanged. Each step runs in parallel (sides, bucket ranges, ranges of A's rows).
     */
    static Joined join(List<LoneRows> aParts, List<LoneRows> bParts, ExecutorService pool, int threads) {
        int total = 0;
        for (LoneRows p : aParts) total += p.size;
        int n = pool == null || total < 65536 ? 1 : Math.max(1, threads);
        List<LoneRows> sides = run(pool, n, List.of(() -> concat(aParts), () -> concat(bParts)));
        LoneRows a = sides.get(0), b = sides.get(1);
        int bits = bucketBits(Math.max(a.size, b.size));
        List<Partition> parted = run(pool, n, List.of(() -> Partition.of(a, bits), () -> Partition.of(b, bits)));
        Partition pa = parted.get(0), pb = parted.get(1);
        int[] partner = new int[a.size];
        int buckets = 1 << bits;
        List<Callable<Void>> match = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            int from = (int) ((long) buckets * t / n), to = (int) ((long) buckets * (t + 1) / n);
            match.add(() -> {
                matchBuckets(pa, pb, from, to, partner);
                return null;
            });
        }
        run(pool, n, match);
        boolean[] matchedB = new boolean[b.size];
        List<Callable<Joined>> verify = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            int from = (int) ((long) a.size * t / n), to = (int) ((long) a.size * (t + 1) / n);
            verify.add(() -> verify(a, b, from, to, partner, matchedB));
        }
        List<Joined> ranges = run(pool, n, verify);
        LongList deleted = new LongList(), pairA = new LongList(), pairB = new LongList();
        long unchanged = 0;
        for (Joined r : ranges) {
            deleted.addAll(r.deleted());
            pairA.addAll(r.pairA());
            pairB.addAll(r.pairB());
            unchanged += r.unchanged();
        }
        LongList inserted = new LongList();
        for (int j = 0; j < b.size; j++) if (!matchedB[j]) inserted.add(b.fids[j]);
        return new Joined(deleted, inserted, pairA, pairB, unchanged);
    }

    /** The tasks on the pool when {@code n > 1}, else one after the other here. */
    private static <T> List<T> run(ExecutorService pool, int n, List<Callable<T>> tasks) {
        if (n > 1) return Parallel.runAll(pool, tasks);
        List<T> out = new ArrayList<>();
        try {
            for (Callable<T> t : tasks) out.add(t.call());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /**
     * Step (2) for A's rows [from, to): a row whose partner's key bytes are equal is matched (unchanged, or a pair when
     * the payload hashes differ), any other is deleted. {@code partner} holds B's row + 1 (0: none). The result's
     * inserted list is unused.
     */
    private static Joined verify(LoneRows a, LoneRows b, int from, int to, int[] partner, boolean[] matchedB) {
        LongList deleted = new LongList(), pairA = new LongList(), pairB = new LongList();
        long unchanged = 0;
        for (int i = from; i < to; i++) {
            int j = partner[i] - 1;
            if (j < 0 || !Arrays.equals(a.arena, a.keyStart[i], a.keyStart[i + 1], b.arena, b.keyStart[j], b.keyStart[j + 1])) {
                deleted.add(a.fids[i]);
                continue;
            }
            matchedB[j] = true; // keys are unique on each side: no other row of A has this partner
            if (a.hashLo[i] == b.hashLo[j] && a.hashHi[i] == b.hashHi[j]) {
                unchanged++;
            } else {
                pairA.add(a.fids[i]);
                pairB.add(b.fids[j]);
            }
        }
        return new Joined(deleted, null, pairA, pairB, unchanged);
    }

    /** Step (1) for buckets [from, to): A's row → B's row + 1 with the same key hash. */
    private static void matchBuckets(Partition pa, Partition pb, int from, int to, int[] partner) {
        for (int k = from; k < to; k++) {
            int fromB = pb.start[k], toB = pb.start[k + 1];
            if (fromB == toB) continue;
            for (int i = pa.start[k], toA = pa.start[k + 1]; i < toA; i++) {
                long kh = pa.hash[i];
                for (int j = fromB; j < toB; j++) {
                    if (pb.hash[j] == kh) {
                        partner[pa.row[i]] = pb.row[j] + 1;
                        break;
                    }
                }
            }
        }
    }

    /** About four rows a bucket, at most 2^20 buckets. */
    private static int bucketBits(int n) {
        return Math.max(1, Math.min(20, 64 - Long.numberOfLeadingZeros(Math.max(1, n - 1L)) - 2));
    }

    /** The parts' rows one after the other, in one table. */
    private static LoneRows concat(List<LoneRows> parts) {
        if (parts.size() == 1) return parts.get(0);
        LoneRows all = new LoneRows();
        int n = 0, bytes = 0;
        for (LoneRows p : parts) {
            n += p.size;
            bytes += p.arenaLength;
        }
        all.arena = new byte[Math.max(1, bytes)];
        all.keyStart = new int[n + 1];
        all.keyHashes = new long[n];
        all.fids = new long[n];
        all.hashLo = new long[n];
        all.hashHi = new long[n];
        for (LoneRows p : parts) {
            System.arraycopy(p.arena, 0, all.arena, all.arenaLength, p.arenaLength);
            for (int i = 0; i < p.size; i++) all.keyStart[all.size + i] = p.keyStart[i] + all.arenaLength;
            System.arraycopy(p.keyHashes, 0, all.keyHashes, all.size, p.size);
            System.arraycopy(p.fids, 0, all.fids, all.size, p.size);
            System.arraycopy(p.hashLo, 0, all.hashLo, all.size, p.size);
            System.arraycopy(p.hashHi, 0, all.hashHi, all.size, p.size);
            all.size += p.size;
            all.arenaLength += p.arenaLength;
        }
        all.keyStart[all.size] = all.arenaLength;
        return all;
    }

    /** A side's key hashes partitioned by their top bits (a counting sort on one digit): bucket k is [start[k], start[k+1]). */
    private record Partition(int[] start, long[] hash, int[] row) {
        static Partition of(LoneRows t, int bits) {
            int buckets = 1 << bits, shift = 64 - bits;
            int[] start = new int[buckets + 1];
            for (int i = 0; i < t.size; i++) start[(int) (t.keyHashes[i] >>> shift) + 1]++;
            for (int k = 0; k < buckets; k++) start[k + 1] += start[k];
            int[] at = Arrays.copyOf(start, buckets);
            long[] hash = new long[t.size];
            int[] row = new int[t.size];
            for (int i = 0; i < t.size; i++) {
                long kh = t.keyHashes[i];
                int slot = at[(int) (kh >>> shift)]++;
                hash[slot] = kh;
                row[slot] = i;
            }
            return new Partition(start, hash, row);
        }
    }
}
