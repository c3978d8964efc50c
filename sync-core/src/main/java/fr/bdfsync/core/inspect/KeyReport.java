package fr.bdfsync.core.inspect;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/**
 * The key column of a layer and its problems: features without a key, features whose key another feature already
 * has (with a few examples), and, for a catalogue key, keys without the layer's cleabs prefix.
 */
public record KeyReport(String column, String source, long nullKeys, long duplicateKeys, List<String> duplicateExamples,
                        String expectedPrefix, long otherPrefix) {
    public KeyReport {
        duplicateExamples = List.copyOf(duplicateExamples);
    }

    @JsonIgnore
    public boolean hasProblems() {
        return nullKeys > 0 || duplicateKeys > 0 || otherPrefix > 0;
    }
}
