package fr.bdfsync.core.conflict.detect;

import fr.bdfsync.core.conflict.Conflict;
import fr.bdfsync.core.conflict.ConflictIds;
import fr.bdfsync.core.conflict.ConflictStatus;
import fr.bdfsync.core.conflict.ConflictType;
import fr.bdfsync.core.feature.Feature;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A hedge counted twice: a {@code haie} line lying (for at least {@code share} of its length) inside a
 * {@code zone_de_vegetation} polygon of nature {@code Haie}. Pairs where the line or the polygon was
 * touched by the merge are reported; pairs that both sides already held are left alone.
 */
public final class DoubleCountedDetector {
    public static final String HEDGE_NATURE = "Haie";
    private final double share;

    public DoubleCountedDetector(double share) {
        this.share = share;
    }

    public List<Conflict> detect(LayerState hedges, LayerState zones) {
        List<Conflict> out = new ArrayList<>();
        if (hedges.touched().isEmpty() && zones.touched().isEmpty()) return out;
        STRtree tree = new STRtree();
        for (Map.Entry<String, Feature> e : zones.merged().entrySet()) {
            if (e.getValue().geometry() != null && HEDGE_NATURE.equals(String.valueOf(zones.mergedValue(e.getValue(), "nature")))) {
                tree.insert(e.getValue().geometry().envelope(), e.getKey());
            }
        }
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, Feature> e : hedges.merged().entrySet()) {
            if (e.getValue().geometry() == null) continue;
            Geometry line = e.getValue().geometry().geometry();
            for (Object o : tree.query(line.getEnvelopeInternal())) {
                String zoneKey = (String) o;
                if (!hedges.touched().contains(e.getKey()) && !zones.touched().contains(zoneKey)) continue;
                if (!seen.add(e.getKey() + "\n" + zoneKey)) continue;
                Geometry zone = LayerState.geometry(zones.merged().get(zoneKey));
                PreparedGeometry pz = PreparedGeometryFactory.prepare(zone);
                if (!pz.intersects(line)) continue;
                double inside = line.getLength() <= 0 ? 0 : zone.intersection(line).getLength() / line.getLength();
                if (inside < share) continue;
                List<String> keys = List.of(e.getKey(), zoneKey);
                String msg = String.format(java.util.Locale.ROOT, "hedge counted twice: haie %s lies %.0f%% inside zone_de_vegetation %s of nature Haie",
                        e.getKey(), 100 * inside, zoneKey);
                out.add(new Conflict(ConflictIds.id(ConflictType.DOUBLE_COUNTED, hedges.layer(), keys, ""), ConflictType.DOUBLE_COUNTED, null,
                        hedges.layer(), keys, List.of(), null, zone, line, line.getInteriorPoint().getCoordinate(), ConflictStatus.OPEN, null, msg,
                        ConflictIds.contentHash(List.of(), zone, line)));
            }
        }
        return out;
    }
}
