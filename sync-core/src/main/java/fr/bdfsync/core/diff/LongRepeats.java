package fr.bdfsync.core.diff;

import java.util.Arrays;

/**
 * Whether a list of 64-bit hashes holds a value twice, in two linear passes instead of a full sort: the values are
 * scattered into buckets by their top bits (a counting sort on one digit), then each small bucket is sorted and
 * scanned. For uniformly distributed hashes (our key hashes) a bucket holds a handful of values, so the cost is that
 * of copying the list twice; a skewed input only makes buckets bigger, never the answer wrong.
 */
final class LongRepeats {
    private LongRepeats() {
    }

    /** True when some value occurs twice among {@code values[0, n)}. */
    static boolean any(long[] values, int n) {
        if (n < 2) return false;
        int bits = Math.max(1, Math.min(20, 64 - Long.numberOfLeadingZeros(n - 1L) - 2)); // about 4 values a bucket
        int buckets = 1 << bits, shift = 64 - bits;
        int[] start = new int[buckets + 1];
        for (int i = 0; i < n; i++) start[(int) (values[i] >>> shift) + 1]++;
        for (int b = 0; b < buckets; b++) start[b + 1] += start[b];
        int[] at = Arrays.copyOf(start, buckets);
        long[] scattered = new long[n];
        for (int i = 0; i < n; i++) scattered[at[(int) (values[i] >>> shift)]++] = values[i];
        for (int b = 0; b < buckets; b++) {
            int from = start[b], to = start[b + 1];
            if (to - from < 2) continue;
            Arrays.sort(scattered, from, to);
            for (int i = from + 1; i < to; i++) if (scattered[i] == scattered[i - 1]) return true;
        }
        return false;
    }
}
