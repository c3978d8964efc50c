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

    int size() {
        return size;
    }

    /** The backing array: valid in [0, size()). */
    long[] array() {
        return values;
    }
}
