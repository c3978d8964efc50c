package fr.bdfsync.core.match;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Local attribute name → national attribute name, for the attributes whose values should agree (e.g. a local
 * {@code type} mapped to {@code nature}, {@code nom} to {@code toponyme}). Names match case-insensitively.
 */
public record AttributeMapping(Map<String, String> localToNational) {
    public static final AttributeMapping NONE = new AttributeMapping(Map.of());

    public AttributeMapping {
        localToNational = new LinkedHashMap<>(localToNational);
    }
}
