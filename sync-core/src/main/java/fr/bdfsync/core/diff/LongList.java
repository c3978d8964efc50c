package fr.bdfsync.core.diff;

import java.util.Arrays;

/** A growable array of longs (fids), without boxing. */
final class LongList {
    private long[] values = new long[16];
    private int size;

    void add(long v) {
        if (size == values.length) values = Arrays.copyOf(values, size * 2);
        values[size++] = v;
    }

    void addAll(LongList other) {
        if (size + other.size > values.length) values = Arrays.copyOf(values, Math.max(values.length * 2, size + other.size));
        System.arraycopy(other.values, 0, values, size, other.size);
        size += other.size;
    }

    int size() {
        return size;
    }

    /** The backing array: valid in [0, size()). */
    long[] array() {
        return values;
    }
}
