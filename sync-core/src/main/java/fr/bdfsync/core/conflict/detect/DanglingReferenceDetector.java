package fr.bdfsync.core.conflict.detect;

import fr.bdfsync.core.conflict.AttributeValues;
import fr.bdfsync.core.conflict.Conflict;
import fr.bdfsync.core.conflict.ConflictIds;
import fr.bdfsync.core.conflict.ConflictStatus;
import fr.bdfsync.core.conflict.ConflictType;
import fr.bdfsync.core.feature.Feature;
import org.locationtech.jts.geom.Geometry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * References to destroyed objects: each key listed in {@code attribute} (a {@code /}-separated list, as
 * BD TOPO's {@code liens_vers_cours_d_eau}) of every merged object must exist among the targets after the
 * merge. A key missing now that existed before (or, when the previous targets are unknown, any missing key)
 * is a dangling reference. Attribute-only: every object is checked, it costs a string split.
 */
public final class DanglingReferenceDetector {
    private final String attribute;
    private final String targetLayer;

    public DanglingReferenceDetector(String attribute, String targetLayer) {
        this.attribute = attribute;
        this.targetLayer = targetLayer;
    }

    /**
     * @param targetsNow    keys of the target layer after the merge
     * @param targetsBefore keys of the target layer in the ancestor, or null when unknown
     */
    public List<Conflict> detect(LayerState s, Set<String> targetsNow, Set<String> targetsBefore) {
        List<Conflict> out = new ArrayList<>();
        for (Map.Entry<String, Feature> e : s.merged().entrySet()) {
            Object v = s.mergedValue(e.getValue(), attribute);
            if (v == null || v.toString().isBlank()) continue;
            for (String ref : v.toString().split("/")) {
                String target = ref.trim();
                if (target.isEmpty() || targetsNow.contains(target)) continue;
                if (targetsBefore != null && !targetsBefore.contains(target)) continue;
                List<String> keys = List.of(e.getKey(), target);
                Geometry g = LayerState.geometry(e.getValue());
                List<AttributeValues> attrs = List.of(new AttributeValues(attribute, null, null, v));
                String msg = e.getKey() + "." + attribute + " points to " + targetLayer + " " + target + ", which "
                        + (targetsBefore == null ? "does not exist" : "was destroyed");
                out.add(new Conflict(ConflictIds.id(ConflictType.DANGLING_REFERENCE, s.layer(), keys, attribute), ConflictType.DANGLING_REFERENCE,
                        null, s.layer(), keys, attrs, null, null, g, g == null ? null : g.getInteriorPoint().getCoordinate(),
                        ConflictStatus.OPEN, null, msg, ConflictIds.contentHash(attrs, null, g)));
            }
        }
        return out;
    }
}
