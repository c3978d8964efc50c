package fr.bdfsync.core.diff;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LongRepeatsTest {
    /** The plain answer: sort and look at neighbours. */
    private static boolean bySort(long[] v, int n) {
        long[] s = Arrays.copyOf(v, n);
        Arrays.sort(s);
        for (int i = 1; i < n; i++) if (s[i] == s[i - 1]) return true;
        return false;
    }

    @Test
    void agreesWithSortingOnSeededLists() {
        Random r = new Random(20261126);
        for (int round = 0; round < 400; round++) {
            int n = r.nextInt(round < 200 ? 50 : 5000);
            long[] v = new long[n + r.nextInt(8)];
            int kind = r.nextInt(4);
            for (int i = 0; i < v.length; i++) {
                // uniform hashes, small values (all in bucket 0), values sharing their top bits, negatives
                v[i] = kind == 0 ? r.nextLong() : kind == 1 ? r.nextInt(1000) : kind == 2 ? (0x7ff0L << 48) | r.nextInt(1 << 20) : -r.nextInt(n + 1) - 1;
            }
            if (n > 1 && r.nextBoolean()) v[r.nextInt(n)] = v[r.nextInt(n)];
            assertEquals(bySort(v, n), LongRepeats.any(v, n), "round " + round + " kind " + kind + " n " + n);
        }
    }

    @Test
    void onlyTheFirstNValuesCount() {
        assertFalse(LongRepeats.any(new long[]{1, 2, 3, 1}, 3));
        assertTrue(LongRepeats.any(new long[]{1, 2, 3, 1}, 4));
        assertFalse(LongRepeats.any(new long[]{5}, 1));
        assertFalse(LongRepeats.any(new long[0], 0));
        assertTrue(LongRepeats.any(new long[]{Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE}, 3));
    }
}
