package fr.bdfsync.core.conflict;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Selects conflicts by type, severity, layer and status (each an "any of" set; empty means any) and by a
 * key substring (case-insensitive; null means any). Used by {@code bdfsync conflicts} and {@code resolve};
 * the HTML report filters the same way in the browser.
 */
public record ConflictFilter(Set<ConflictType> types, Set<Severity> severities, Set<String> layers,
                             Set<ConflictStatus> statuses, String keyContains) implements Predicate<Conflict> {
    public static final ConflictFilter ANY = new ConflictFilter(Set.of(), Set.of(), Set.of(), Set.of(), null);

    public ConflictFilter {
        types = types == null || types.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(types));
        severities = severities == null || severities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(severities));
        layers = layers == null ? Set.of() : Set.copyOf(layers);
        statuses = statuses == null || statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
        keyContains = keyContains == null || keyContains.isBlank() ? null : keyContains.toLowerCase(Locale.ROOT);
    }

    public boolean isAny() {
        return types.isEmpty() && severities.isEmpty() && layers.isEmpty() && statuses.isEmpty() && keyContains == null;
    }

    @Override
    public boolean test(Conflict c) {
        if (!types.isEmpty() && !types.contains(c.type())) return false;
        if (!severities.isEmpty() && !severities.contains(c.severity())) return false;
        if (!layers.isEmpty() && !layers.contains(c.layer())) return false;
        if (!statuses.isEmpty() && !statuses.contains(c.status())) return false;
        if (keyContains != null) {
            for (String k : c.keys()) if (k.toLowerCase(Locale.ROOT).contains(keyContains)) return true;
            return false;
        }
        return true;
    }

    public List<Conflict> select(ConflictSet set) {
        return set.conflicts().stream().filter(this).collect(Collectors.toList());
    }
}
