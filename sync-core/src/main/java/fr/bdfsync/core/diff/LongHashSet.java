package fr.bdfsync.core.diff;

/**
 * A set of 64-bit values (key hashes) in one open-addressing array, 8 to 16 bytes per value: the native scan
 * notes every key's hash to detect duplicate keys without keeping the keys (a repeated hash only raises a
 * suspicion, which the exact scan then settles).
 */
final class LongHashSet {
    private long[] slots;
    private int size;
    private boolean hasZero;

    LongHashSet(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, Math.min(1 << 26, expected * 2)) - 1) << 1;
        slots = new long[cap];
    }

    /** Adds {@code v}; false when it was already present. */
    boolean add(long v) {
        if (v == 0) {
            boolean was = hasZero;
            hasZero = true;
            return !was;
        }
        int mask = slots.length - 1;
        int s = (int) Hash64.mix(v) & mask;
        while (true) {
            long x = slots[s];
            if (x == 0) break;
            if (x == v) return false;
            s = (s + 1) & mask;
        }
        slots[s] = v;
        if (++size * 2 > slots.length) grow();
        return true;
    }

    /** Adds every value of {@code other}; false when any was already present. */
    boolean addAll(LongHashSet other) {
        boolean fresh = !(other.hasZero && !add(0));
        for (long v : other.slots) if (v != 0 && !add(v)) fresh = false;
        return fresh;
    }

    int size() {
        return size + (hasZero ? 1 : 0);
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        for (long v : old) if (v != 0) add(v);
    }
}
