package fr.bdfsync.core.theme;

import java.util.Map;
import java.util.Objects;

/**
 * The national CRS of a theme: EPSG:2154 (Lambert-93) in metropolitan France and Corsica, the local CRS of each
 * overseas département (INSEE code "971"... "978").
 */
public record CrsPolicy(String defaultCrs, Map<String, String> byDepartement) {
    public CrsPolicy {
        Objects.requireNonNull(defaultCrs, "defaultCrs");
        byDepartement = byDepartement == null ? Map.of() : Map.copyOf(byDepartement);
    }

    /** The CRS for a département code ("35", "2A", "974"); the default when the code is null or metropolitan. */
    public String crsFor(String departement) {
        if (departement == null) return defaultCrs;
        return byDepartement.getOrDefault(departement.trim(), defaultCrs);
    }
}
