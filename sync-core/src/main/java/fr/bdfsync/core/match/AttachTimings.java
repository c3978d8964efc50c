package fr.bdfsync.core.match;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the time of one attach went, phase by phase: wall time and the CPU time of the whole process (every thread,
 * garbage collection included) between the start and the end of each phase. The phases run one after the other
 * (reading national rows and scoring them overlap inside one phase), so the CPU figures add up to the run's.
 * Measured for the benchmark's "scoring only" rate; printed by the CLI with {@code --verbose}.
 */
public record AttachTimings(List<Phase> phases) {
    /** One phase: its name, wall and CPU time in nanoseconds (CPU -1 when the JVM cannot tell). */
    public record Phase(String name, long wallNanos, long cpuNanos) {
    }

    /** Wall time of the named phase in nanoseconds, 0 when there is none. */
    public long wallNanos(String name) {
        for (Phase p : phases) if (p.name().equals(name)) return p.wallNanos();
        return 0;
    }

    /** One line: "name 1.23 s wall / 2.34 s CPU; ...". */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (Phase p : phases) {
            if (sb.length() > 0) sb.append("; ");
            sb.append(String.format(Locale.ROOT, "%s %.2f s wall", p.name(), p.wallNanos() / 1e9));
            if (p.cpuNanos() >= 0) sb.append(String.format(Locale.ROOT, " / %.2f s CPU", p.cpuNanos() / 1e9));
        }
        return sb.toString();
    }

    /** Marks the end of each phase in turn. */
    static final class Clock {
        private final List<Phase> phases = new ArrayList<>();
        private long wall = System.nanoTime();
        private long cpu = cpu();

        void lap(String name) {
            long w = System.nanoTime();
            long c = cpu();
            phases.add(new Phase(name, w - wall, c < 0 || cpu < 0 ? -1 : c - cpu));
            wall = w;
            cpu = c;
        }

        AttachTimings timings() {
            return new AttachTimings(List.copyOf(phases));
        }

        private static long cpu() {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                return os.getProcessCpuTime();
            }
            return -1;
        }
    }
}
