package fr.bdfsync.core.pkg;

import java.util.List;

/** A split (one object becomes several) or a merge (several become one), by key, within one layer. */
public record Lineage(String layer, String relation, List<String> fromKeys, List<String> toKeys) {
    public static final String SPLIT = "split";
    public static final String MERGE = "merge";

    public Lineage {
        fromKeys = List.copyOf(fromKeys);
        toKeys = List.copyOf(toKeys);
        if (!SPLIT.equals(relation) && !MERGE.equals(relation)) throw new IllegalArgumentException("lineage relation must be split or merge: " + relation);
    }
}
