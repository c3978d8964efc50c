package fr.bdfsync.core.pkg;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Time spent per named phase of a command (package, verify, apply), accumulated over many short intervals
 * and reported in milliseconds, in the order the phases first ran. Not thread-safe: one per command run.
 */
public final class Phases {
    private final Map<String, Long> nanos = new LinkedHashMap<>();

    /** Adds the time since {@code startNanos} (a {@link System#nanoTime()} value) to a phase; returns now. */
    public long add(String phase, long startNanos) {
        long now = System.nanoTime();
        nanos.merge(phase, now - startNanos, Long::sum);
        return now;
    }

    /** Adds every phase of another timer to this one. */
    public void addAll(Phases other) {
        other.nanos.forEach((k, v) -> nanos.merge(k, v, Long::sum));
    }

    /** Milliseconds per phase, in first-run order. */
    public Map<String, Long> millis() {
        Map<String, Long> out = new LinkedHashMap<>();
        nanos.forEach((k, v) -> out.put(k, v / 1_000_000));
        return Collections.unmodifiableMap(out);
    }
}
