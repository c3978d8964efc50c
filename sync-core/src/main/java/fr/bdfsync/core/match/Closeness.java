package fr.bdfsync.core.match;

/** Turns a distance into a geometric confidence: 1 at 0 m, falling linearly to 0 at the search distance. */
final class Closeness {
    private Closeness() {
    }

    static double of(double distance, double searchDistance) {
        if (Double.isNaN(distance)) return 0;
        return Math.max(0, Math.min(1, 1 - distance / searchDistance));
    }
}
