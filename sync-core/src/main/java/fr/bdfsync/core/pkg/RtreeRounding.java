package fr.bdfsync.core.pkg;

/**
 * How SQLite's R-tree module turns a bound into the 32-bit float it stores ({@code rtreeValueDown} and
 * {@code rtreeValueUp} in SQLite's {@code rtree.c}): the nearest float, pushed outward by one relative step of
 * 2^-23 when it lies inside the bound, so that a stored box always contains the real one. Transcribed so that apply
 * can tell whether an R-tree entry already holds the box a write would store ({@code RtreeRoundingTest} checks it
 * against SQLite on random values).
 */
final class RtreeRounding {
    private static final double TOWARDS = 1.0 - 1.0 / 8388608.0;
    private static final double AWAY = 1.0 + 1.0 / 8388608.0;

    private RtreeRounding() {
    }

    /** The stored value of a lower bound (minx, miny), as a double. */
    static double down(double d) {
        float f = (float) d;
        if (f > d) f = (float) (d * (d < 0 ? AWAY : TOWARDS));
        return f;
    }

    /** The stored value of an upper bound (maxx, maxy), as a double. */
    static double up(double d) {
        float f = (float) d;
        if (f < d) f = (float) (d * (d < 0 ? TOWARDS : AWAY));
        return f;
    }
}
