package fr.bdfsync.core.match;

import java.util.Arrays;
import java.util.List;

/**
 * The local features near each national feature, by the national feature's position in the {@link NationalIndex}:
 * one flat array of every (national, local) pair grouped by national position, each group in local order (the order
 * one pass over the local features fills it in), with the start of each group. It replaces a hash map of lists keyed by
 * boxed positions: on the 1M benchmark (about a million pairs) that map's inserts and look-ups were a twentieth of the
 * samples, all on one thread.
 *
 * @param <T> the local item type
 */
final class NearLocals<T> {
    private final int[] start;
    private final T[] items;

    private NearLocals(int[] start, T[] items) {
        this.start = start;
        this.items = items;
    }

    /**
     * Groups {@code near.get(n)} (the national positions kept for local item n, each below {@code positions}) by
     * position, each group in the order of {@code locals}.
     */
    @SuppressWarnings("unchecked")
    static <T> NearLocals<T> of(int positions, List<T> locals, List<int[]> near) {
        int[] start = new int[positions + 1];
        for (int[] ps : near) for (int p : ps) start[p + 1]++;
        for (int p = 0; p < positions; p++) start[p + 1] += start[p];
        T[] items = (T[]) new Object[start[positions]];
        int[] fill = Arrays.copyOf(start, positions);
        for (int n = 0; n < locals.size(); n++) {
            T li = locals.get(n);
            for (int p : near.get(n)) items[fill[p]++] = li;
        }
        return new NearLocals<>(start, items);
    }

    /** True when some local item is near the national feature at {@code position}. */
    boolean has(int position) {
        return start[position + 1] > start[position];
    }

    /** The local items near the national feature at {@code position}, in local order; null when there is none. */
    List<T> get(int position) {
        int from = start[position];
        int to = start[position + 1];
        return from == to ? null : Arrays.asList(items).subList(from, to);
    }

    /** The positions that have local items near them, ascending. */
    java.util.BitSet positions() {
        java.util.BitSet out = new java.util.BitSet(start.length - 1);
        for (int p = 0; p + 1 < start.length; p++) if (start[p + 1] > start[p]) out.set(p);
        return out;
    }
}
