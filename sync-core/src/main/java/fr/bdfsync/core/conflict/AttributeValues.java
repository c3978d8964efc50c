package fr.bdfsync.core.conflict;

/**
 * One attribute of a conflicting feature with its three versions (null where a version is absent or null).
 * Values are JSON scalars: String, Long, Double, Boolean.
 */
public record AttributeValues(String name, Object ancestor, Object national, Object local) {
}
