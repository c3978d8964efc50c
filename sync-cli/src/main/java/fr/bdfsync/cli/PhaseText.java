package fr.bdfsync.cli;

import java.util.Map;
import java.util.stream.Collectors;

/** Phase times as one line: "name 12 ms, other 3 ms". */
final class PhaseText {
    private PhaseText() {
    }

    static String of(Map<String, Long> millis) {
        return millis.entrySet().stream().map(e -> e.getKey() + " " + e.getValue() + " ms").collect(Collectors.joining(", "));
    }
}
