package fr.bdfsync.core.conflict;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The conflicts of one sync run: what ran (job name, theme), the CRS of every geometry (an EPSG code),
 * when, and the conflicts in a stable order (layer, type, id).
 */
public record ConflictSet(String job, String theme, int srid, String created, List<Conflict> conflicts) {
    public static final String FORMAT = "bdfsync.conflicts/v1";

    public ConflictSet {
        Objects.requireNonNull(conflicts, "conflicts");
        conflicts = List.copyOf(conflicts);
    }

    public long openCount() {
        return conflicts.stream().filter(Conflict::isOpen).count();
    }

    public Map<ConflictType, Long> countByType() {
        Map<ConflictType, Long> m = new EnumMap<>(ConflictType.class);
        for (Conflict c : conflicts) m.merge(c.type(), 1L, Long::sum);
        return m;
    }

    public ConflictSet withConflicts(List<Conflict> newConflicts) {
        return new ConflictSet(job, theme, srid, created, newConflicts);
    }
}
