package fr.bdfsync.core;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Time spent per named phase of a command (diff, sync, package, verify, apply), for benchmarks and {@code --timings}:
 * wall time, and with {@link #withCpu()} the CPU time of the whole process (every thread, the collector and the
 * compiler included). Phases are reported in the order they first ran, accumulated when one runs many times (per layer,
 * per batch). Two ways to charge time, both thread-safe:
 * <ul>
 *   <li>{@link #add(String, long)}: the interval since a {@link System#nanoTime()} value the caller took;</li>
 *   <li>{@link #mark(String)}: the time since the previous mark (or since this timer was made), for phases that follow
 *   one another on one thread.</li>
 * </ul>
 * CPU time is charged by {@link #mark} only (an interval's CPU time would need the caller to sample it too).
 */
public final class Phases {
    private static final OperatingSystemMXBean OS = ManagementFactory.getOperatingSystemMXBean();
    private final boolean cpu;
    /** Per phase: wall nanoseconds, CPU nanoseconds (-1: not measured). */
    private final Map<String, long[]> totals = new LinkedHashMap<>();
    private long lastWall, lastCpu;

    /** A timer of wall time. */
    public Phases() {
        this(false);
    }

    private Phases(boolean cpu) {
        this.cpu = cpu && processCpuNanos() >= 0;
        lastWall = System.nanoTime();
        lastCpu = this.cpu ? processCpuNanos() : -1;
    }

    /** A timer of wall time and of the process's CPU time (when the JVM reports it), charged by {@link #mark}. */
    public static Phases withCpu() {
        return new Phases(true);
    }

    /** Adds the wall time since {@code startNanos} (a {@link System#nanoTime()} value) to {@code phase}; returns now. */
    public synchronized long add(String phase, long startNanos) {
        long now = System.nanoTime();
        entry(phase)[0] += now - startNanos;
        return now;
    }

    /** Charges the time since the previous mark (or since this timer was made) to {@code phase}. */
    public synchronized void mark(String phase) {
        long w = System.nanoTime(), c = cpu ? processCpuNanos() : -1;
        long[] t = entry(phase);
        t[0] += w - lastWall;
        if (cpu) t[1] += c - lastCpu;
        lastWall = w;
        lastCpu = c;
    }

    /** Adds every phase of another timer to this one (one lock at a time: never both). */
    public void addAll(Phases other) {
        Map<String, long[]> copy = new LinkedHashMap<>();
        synchronized (other) {
            other.totals.forEach((k, v) -> copy.put(k, v.clone()));
        }
        synchronized (this) {
            copy.forEach((k, v) -> {
                long[] t = entry(k);
                t[0] += v[0];
                if (cpu && v[1] >= 0) t[1] += v[1];
            });
        }
    }

    /** Wall milliseconds per phase, in first-run order. */
    public synchronized Map<String, Long> millis() {
        Map<String, Long> out = new LinkedHashMap<>();
        totals.forEach((k, v) -> out.put(k, v[0] / 1_000_000));
        return Collections.unmodifiableMap(out);
    }

    /** CPU milliseconds per phase, in first-run order; empty when CPU time is not measured. */
    public synchronized Map<String, Long> cpuMillis() {
        Map<String, Long> out = new LinkedHashMap<>();
        if (cpu) totals.forEach((k, v) -> out.put(k, v[1] / 1_000_000));
        return Collections.unmodifiableMap(out);
    }

    private long[] entry(String phase) {
        return totals.computeIfAbsent(phase, k -> new long[]{0, cpu ? 0 : -1});
    }

    private static long processCpuNanos() {
        return OS instanceof com.sun.management.OperatingSystemMXBean
                ? ((com.sun.management.OperatingSystemMXBean) OS).getProcessCpuTime() : -1;
    }
}
