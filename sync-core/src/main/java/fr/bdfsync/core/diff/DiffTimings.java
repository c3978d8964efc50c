package fr.bdfsync.core.diff;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Wall time and CPU time (of the whole process: every thread, the garbage collector and the compiler included) per phase
 * of a diff, summed over layers, for benchmarks ({@code bdfsync diff --timings}). Each {@link #mark} charges the time
 * since the previous mark to the phase it names; phases follow one another on the calling thread.
 */
public final class DiffTimings {
    private static final OperatingSystemMXBean OS = ManagementFactory.getOperatingSystemMXBean();
    /** Per phase: wall nanoseconds, CPU nanoseconds (negative when the JVM does not report process CPU time). */
    private final Map<String, long[]> totals = new LinkedHashMap<>();
    private long wall, cpu;

    public DiffTimings() {
        wall = System.nanoTime();
        cpu = processCpuNanos();
    }

    /** Charges the time since the previous mark (or since this was made) to {@code phase}. */
    public synchronized void mark(String phase) {
        long w = System.nanoTime(), c = processCpuNanos();
        long[] t = totals.computeIfAbsent(phase, k -> new long[2]);
        t[0] += w - wall;
        t[1] = c < 0 || cpu < 0 ? -1 : t[1] + c - cpu;
        wall = w;
        cpu = c;
    }

    /** Milliseconds per phase in first-mark order: {wall, cpu} (cpu -1 when unknown). */
    public synchronized Map<String, long[]> millis() {
        Map<String, long[]> out = new LinkedHashMap<>();
        totals.forEach((k, v) -> out.put(k, new long[]{v[0] / 1_000_000, v[1] < 0 ? -1 : v[1] / 1_000_000}));
        return out;
    }

    /** One line: {@code scan 1234 ms (cpu 2100 ms), join ...}. */
    public String describe() {
        StringJoiner j = new StringJoiner(", ");
        millis().forEach((k, v) -> j.add(String.format(Locale.ROOT, "%s %d ms", k, v[0]) + (v[1] < 0 ? "" : String.format(Locale.ROOT, " (cpu %d ms)", v[1]))));
        return j.toString();
    }

    private static long processCpuNanos() {
        return OS instanceof com.sun.management.OperatingSystemMXBean ? ((com.sun.management.OperatingSystemMXBean) OS).getProcessCpuTime() : -1;
    }
}
