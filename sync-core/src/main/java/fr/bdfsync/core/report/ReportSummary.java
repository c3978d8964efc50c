package fr.bdfsync.core.report;

import fr.bdfsync.core.conflict.Conflict;
import fr.bdfsync.core.conflict.ConflictSet;
import fr.bdfsync.core.conflict.ConflictStatus;
import fr.bdfsync.core.conflict.ConflictType;
import fr.bdfsync.core.conflict.Severity;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a reviewer sees first: how many conflicts, how many still open, counts by type, severity, layer and
 * status, and the extent (every location and geometry) for the map. Every count map lists every key of its
 * enum (zero included) so the three report forms show the same rows; layers are sorted by name.
 *
 * @param extent null when the set has no location nor geometry
 */
public record ReportSummary(int total, int open, Map<ConflictType, Integer> byType, Map<Severity, Integer> bySeverity,
                            Map<String, Integer> byLayer, Map<ConflictStatus, Integer> byStatus, Envelope extent) {

    public ReportSummary {
        byType = Collections.unmodifiableMap(new EnumMap<>(byType));
        bySeverity = Collections.unmodifiableMap(new EnumMap<>(bySeverity));
        byLayer = Collections.unmodifiableMap(new TreeMap<>(byLayer));
        byStatus = Collections.unmodifiableMap(new EnumMap<>(byStatus));
        extent = extent == null || extent.isNull() ? null : new Envelope(extent);
    }

    public static ReportSummary of(ConflictSet set) {
        Map<ConflictType, Integer> byType = zeros(ConflictType.class);
        Map<Severity, Integer> bySeverity = zeros(Severity.class);
        Map<ConflictStatus, Integer> byStatus = zeros(ConflictStatus.class);
        Map<String, Integer> byLayer = new TreeMap<>();
        Envelope extent = new Envelope();
        int open = 0;
        for (Conflict c : set.conflicts()) {
            byType.merge(c.type(), 1, Integer::sum);
            bySeverity.merge(c.severity(), 1, Integer::sum);
            byStatus.merge(c.status(), 1, Integer::sum);
            byLayer.merge(c.layer(), 1, Integer::sum);
            if (c.isOpen()) open++;
            if (c.location() != null) extent.expandToInclude(c.location());
            for (Geometry g : new Geometry[]{c.ancestorGeometry(), c.nationalGeometry(), c.localGeometry()}) {
                if (g != null && !g.isEmpty()) extent.expandToInclude(g.getEnvelopeInternal());
            }
        }
        return new ReportSummary(set.conflicts().size(), open, byType, bySeverity, byLayer, byStatus, extent);
    }

    /** Resolved automatically (by authority) or by a decision. */
    public int resolved() {
        return total - open;
    }

    private static <E extends Enum<E>> Map<E, Integer> zeros(Class<E> type) {
        Map<E, Integer> m = new EnumMap<>(type);
        for (E e : type.getEnumConstants()) m.put(e, 0);
        return m;
    }
}
