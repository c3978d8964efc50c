package fr.bdfsync.core.diff;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class LongPairsTest {
    @Test
    void sortsPairsByTheirFirstValueKeepingTiesInOrder() {
        for (int seed = 0; seed < 200; seed++) {
            Random rnd = new Random(seed);
            int n = seed < 100 ? rnd.nextInt(20) : rnd.nextInt(5000);
            long[] first = new long[n + 3], second = new long[n + 3];
            int range = 1 + rnd.nextInt(seed % 3 == 0 ? 10 : 1_000_000);
            for (int i = 0; i < n; i++) {
                first[i] = seed % 5 == 0 ? i / 7 * 3 + rnd.nextInt(2) : rnd.nextInt(range) - range / 2; // runs, or random with ties
                second[i] = i; // the original position: ties must keep it ascending
            }
            first[n] = second[n] = 99; // beyond n: untouched
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) order[i] = i;
            long[] f0 = first.clone();
            Arrays.sort(order, Comparator.comparingLong(i -> f0[i])); // stable
            long[] ef = new long[n], es = new long[n];
            for (int i = 0; i < n; i++) {
                ef[i] = f0[order[i]];
                es[i] = order[i];
            }
            LongPairs.sortByFirst(first, second, n);
            assertArrayEquals(ef, Arrays.copyOf(first, n), "seed " + seed);
            assertArrayEquals(es, Arrays.copyOf(second, n), "seed " + seed);
            org.junit.jupiter.api.Assertions.assertEquals(99, first[n]);
        }
    }
}
