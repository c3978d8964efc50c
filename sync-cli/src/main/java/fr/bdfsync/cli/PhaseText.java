package fr.bdfsync.cli;

import fr.bdfsync.core.Phases;

import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/** Phase times as one line: "name 12 ms, other 3 ms", with the CPU time when measured: "name 12 ms (cpu 20 ms)". */
final class PhaseText {
    private PhaseText() {
    }

    static String of(Map<String, Long> millis) {
        return millis.entrySet().stream().map(e -> e.getKey() + " " + e.getValue() + " ms").collect(Collectors.joining(", "));
    }

    static String of(Phases phases) {
        Map<String, Long> cpu = phases.cpuMillis();
        StringJoiner j = new StringJoiner(", ");
        phases.millis().forEach((k, v) -> j.add(k + " " + v + " ms" + (cpu.containsKey(k) ? " (cpu " + cpu.get(k) + " ms)" : "")));
        return j.toString();
    }
}
