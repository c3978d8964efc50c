package fr.bdfsync.core.merge;

import java.util.List;

/**
 * Which new national objects replace which old ones, found geometrically when an edition deletes objects
 * and creates others in their place: a {@code split} (one old, several new), a {@code merge} (several old,
 * one new) or a {@code replace} (one for one, a new key). {@code carried} says whether the local overlay
 * of the old object(s) was carried over to the new one(s); when not, {@code reason} says why.
 */
public record Lineage(String layer, Kind kind, List<String> oldKeys, List<String> newKeys, boolean carried, String reason) {
    public enum Kind { SPLIT, MERGE, REPLACE }

    public Lineage {
        oldKeys = List.copyOf(oldKeys);
        newKeys = List.copyOf(newKeys);
    }
}
