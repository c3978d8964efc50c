package fr.bdfsync.core.diff;

/** Sorting of pairs held in two parallel arrays of longs (fids of side A and of side B), without boxing. */
final class LongPairs {
    private LongPairs() {
    }

    /**
     * Sorts pairs {@code (first[i], second[i])}, i in [0, n), by their first value, ties kept in their order (a bottom-up
     * merge sort: n log n in every case, two temporary arrays of n longs).
     */
    static void sortByFirst(long[] first, long[] second, int n) {
        if (n < 2) return;
        long[] f = first, s = second, tf = new long[n], ts = new long[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n), hi = Math.min(lo + 2 * width, n);
                int i = lo, j = mid, k = lo;
                if (mid == hi || f[mid - 1] <= f[mid]) { // already in order (runs of sorted input are common)
                    System.arraycopy(f, lo, tf, lo, hi - lo);
                    System.arraycopy(s, lo, ts, lo, hi - lo);
                    continue;
                }
                while (i < mid && j < hi) {
                    if (f[j] < f[i]) {
                        tf[k] = f[j];
                        ts[k++] = s[j++];
                    } else {
                        tf[k] = f[i];
                        ts[k++] = s[i++];
                    }
                }
                while (i < mid) {
                    tf[k] = f[i];
                    ts[k++] = s[i++];
                }
                while (j < hi) {
                    tf[k] = f[j];
                    ts[k++] = s[j++];
                }
            }
            long[] x = f;
            f = tf;
            tf = x;
            x = s;
            s = ts;
            ts = x;
        }
        if (f != first) {
            System.arraycopy(f, 0, first, 0, n);
            System.arraycopy(s, 0, second, 0, n);
        }
    }
}
