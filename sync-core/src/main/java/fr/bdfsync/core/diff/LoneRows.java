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
     * the same bucket of B on the 64-bit key hash alone (bucket ranges in parallel): {@code partner[a]} = B's row.
     * (2) A's rows are walked in order and each partner's key bytes are checked equal, so only B's side is read at
     * random; a pair whose payload hashes are equal is unchanged.
     */
    static Joined join(List<LoneRows> aParts, List<LoneRows> bParts, ExecutorService pool, int threads) {
        LoneRows a = concat(aParts), b = concat(bParts);
        int bits = bucketBits(Math.max(a.size, b.size));
        Partition pa = Partition.of(a, bits), pb = Partition.of(b, bits);
        int[] partner = new int[a.size];
        Arrays.fill(partner, -1);
        int buckets = 1 << bits;
        int n = pool == null || a.size < 65536 ? 1 : Math.max(1, threads);
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            int from = (int) ((long) buckets * t / n), to = (int) ((long) buckets * (t + 1) / n);
            tasks.add(() -> {
                matchBuckets(pa, pb, from, to, partner);
                return null;
            });
        }
        if (n == 1) matchBuckets(pa, pb, 0, buckets, partner);
        else Parallel.runAll(pool, tasks);
        boolean[] matchedB = new boolean[b.size];
        LongList deleted = new LongList(), pairA = new LongList(), pairB = new LongList();
        long unchanged = 0;
        for (int i = 0; i < a.size; i++) {
            int j = partner[i];
            if (j < 0 || !Arrays.equals(a.arena, a.keyStart[i], a.keyStart[i + 1], b.arena, b.keyStart[j], b.keyStart[j + 1])) {
                deleted.add(a.fids[i]);
                continue;
            }
            matchedB[j] = true;
            if (a.hashLo[i] == b.hashLo[j] && a.hashHi[i] == b.hashHi[j]) {
                unchanged++;
            } else {
                pairA.add(a.fids[i]);
                pairB.add(b.fids[j]);
            }
        }
        LongList inserted = new LongList();
        for (int j = 0; j < b.size; j++) if (!matchedB[j]) inserted.add(b.fids[j]);
        return new Joined(deleted, inserted, pairA, pairB, unchanged);
    }

    /** Step (1) for buckets [from, to): A's row → B's row with the same key hash. */
    private static void matchBuckets(Partition pa, Partition pb, int from, int to, int[] partner) {
        for (int k = from; k < to; k++) {
            int fromB = pb.start[k], toB = pb.start[k + 1];
            if (fromB == toB) continue;
            for (int i = pa.start[k], toA = pa.start[k + 1]; i < toA; i++) {
                long kh = pa.hash[i];
                for (int j = fromB; j < toB; j++) {
                    if (pb.hash[j] == kh) {
                        partner[pa.row[i]] = pb.row[j];
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
