package fr.bdfsync.core.diff;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class LoneRowsTest {
    /** A row of a side: key, fid, payload hash. */
    private record R(String key, long fid, long lo, long hi) {
    }

    @Test
    void joinAgreesWithAMapJoinOnRandomSides() {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            for (int seed = 0; seed < 43; seed++) check(seed, pool);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Seeds 40 and above are large enough to be matched in parallel. */
    private static void check(int seed, java.util.concurrent.ExecutorService pool) {
        {
            Random rnd = new Random(seed);
            int n = seed >= 40 ? 70_000 + rnd.nextInt(60_000) : 1 + rnd.nextInt(seed < 20 ? 50 : 5000);
            List<R> a = new ArrayList<>(), b = new ArrayList<>();
            long fidB = 1;
            for (int i = 0; i < n; i++) {
                String key = "K" + Integer.toString(rnd.nextInt(1 << 30), 36) + "_" + i;
                long lo = rnd.nextLong(), hi = rnd.nextLong();
                int fate = rnd.nextInt(4); // 0 deleted, 1 unchanged, 2 changed, 3 changed in the low word only
                a.add(new R(key, i + 1, lo, hi));
                if (fate == 1) b.add(new R(key, 0, lo, hi));
                else if (fate == 2) b.add(new R(key, 0, lo, hi + 1));
                else if (fate == 3) b.add(new R(key, 0, lo ^ 1, hi));
            }
            for (int i = 0; i < n / 3; i++) b.add(new R("new" + i, 0, rnd.nextLong(), rnd.nextLong()));
            java.util.Collections.shuffle(b, rnd);
            List<R> bf = new ArrayList<>();
            for (R r : b) bf.add(new R(r.key, fidB++, r.lo, r.hi));
            // expected, by maps
            Map<String, R> byKeyB = new HashMap<>();
            for (R r : bf) byKeyB.put(r.key, r);
            TreeMap<Long, Long> pairs = new TreeMap<>();
            List<Long> deleted = new ArrayList<>(), inserted = new ArrayList<>();
            long unchanged = 0;
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (R r : a) {
                R o = byKeyB.get(r.key);
                if (o == null) deleted.add(r.fid);
                else {
                    seen.add(r.key);
                    if (o.lo == r.lo && o.hi == r.hi) unchanged++;
                    else pairs.put(r.fid, o.fid);
                }
            }
            for (R r : bf) if (!seen.contains(r.key)) inserted.add(r.fid);
            inserted.sort(null);

            LoneRows.Joined j = LoneRows.join(split(a, rnd), split(bf, rnd), pool, 1 + seed % 3);
            assertEquals(unchanged, j.unchanged(), "seed " + seed);
            assertArrayEquals(deleted.stream().mapToLong(Long::longValue).toArray(), Arrays.copyOf(j.deleted().array(), j.deleted().size()), "seed " + seed);
            assertArrayEquals(inserted.stream().mapToLong(Long::longValue).toArray(), Arrays.copyOf(j.inserted().array(), j.inserted().size()), "seed " + seed);
            assertArrayEquals(pairs.keySet().stream().mapToLong(Long::longValue).toArray(), Arrays.copyOf(j.pairA().array(), j.pairA().size()), "seed " + seed);
            assertArrayEquals(pairs.values().stream().mapToLong(Long::longValue).toArray(), Arrays.copyOf(j.pairB().array(), j.pairB().size()), "seed " + seed);
        }
    }

    @Test
    void equalKeyHashesWithDifferentKeysDoNotJoin() {
        // the key hash is the caller's: give two different keys the same one
        LoneRows a = new LoneRows(), b = new LoneRows();
        byte[] ka = "alpha".getBytes(StandardCharsets.UTF_8), kb = "beta".getBytes(StandardCharsets.UTF_8);
        a.add(ka, 0, ka.length, 42L, 1, 7, 7);
        b.add(kb, 0, kb.length, 42L, 9, 7, 7);
        LoneRows.Joined j = LoneRows.join(List.of(a), List.of(b));
        assertEquals(0, j.unchanged());
        assertEquals(1, j.deleted().size());
        assertEquals(1, j.inserted().size());
        assertEquals(0, j.pairA().size());
    }

    /** The rows in 1 to 3 parts, in their order. */
    private static List<LoneRows> split(List<R> rows, Random rnd) {
        int parts = 1 + rnd.nextInt(3);
        List<LoneRows> out = new ArrayList<>();
        for (int p = 0; p < parts; p++) out.add(new LoneRows());
        for (int i = 0; i < rows.size(); i++) {
            R r = rows.get(i);
            byte[] k = r.key.getBytes(StandardCharsets.UTF_8);
            out.get((int) ((long) i * parts / rows.size())).add(k, 0, k.length, Hash64.hash(k, 0, k.length, 7), r.fid, r.lo, r.hi);
        }
        return out;
    }
}
