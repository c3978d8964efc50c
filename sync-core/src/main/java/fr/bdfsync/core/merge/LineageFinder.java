package fr.bdfsync.core.merge;

import fr.bdfsync.core.conflict.Choice;
import fr.bdfsync.core.conflict.Conflict;
import fr.bdfsync.core.conflict.ConflictStatus;
import fr.bdfsync.core.conflict.ConflictType;
import fr.bdfsync.core.conflict.Resolution;
import fr.bdfsync.core.feature.Feature;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.union.UnaryUnionOp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rebase support: finds the lineage of objects a new edition deleted (split, merged, or replaced under a new
 * key) and carries the local overlay over to their successors where that is unambiguous.
 * <p>
 * A deleted object's successors are the national creations that lie mostly on it (areas: at least half of
 * the creation's area inside the old shape; lines: at least half of its length within the match distance);
 * they form its lineage when their union covers it (areas: at least {@code match_overlap} of the old area;
 * lines: Hausdorff distance within the match distance). Deleted objects sharing one successor are a merge.
 * <p>
 * The overlay is what the local side holds that the ancestor did not: compared attributes it edited and
 * its local-only attributes. On a split each piece takes the overlay (an attribute is taken only where the
 * piece still has the old national value); on a merge the overlays must agree. A local geometry
 * correction cannot be carried to other shapes: the delete/edit conflict stays open with the lineage.
 * When carried, the delete/edit conflict is resolved automatically (rule {@code lineage:split} ...).
 */
final class LineageFinder {
    private final SyncJob job;
    private final LayerMerge m;

    LineageFinder(SyncJob job, LayerMerge m) {
        this.job = job;
        this.m = m;
    }

    List<Lineage> run(List<Conflict> conflicts) {
        if (m.ancestor() == null) return List.of();
        List<FeatureMerge> deleted = new ArrayList<>();
        List<FeatureMerge> created = new ArrayList<>();
        for (FeatureMerge fm : m.merges().values()) {
            if (fm.ancestor() != null && fm.national() == null && fm.local() != null && fm.ancestor().geometry() != null) deleted.add(fm);
            if (fm.ancestor() == null && fm.national() != null && fm.local() == null && fm.present() && fm.geometry() != null) created.add(fm);
        }
        if (deleted.isEmpty() || created.isEmpty()) return List.of();
        STRtree tree = new STRtree();
        for (FeatureMerge c : created) tree.insert(c.geometry().envelope(), c);
        Map<FeatureMerge, List<FeatureMerge>> successors = new LinkedHashMap<>();
        Map<FeatureMerge, List<FeatureMerge>> predecessors = new HashMap<>();
        for (FeatureMerge d : deleted) {
            Geometry old = ConflictBuilder.geometry(d.ancestor().geometry());
            List<FeatureMerge> pieces = new ArrayList<>();
            Geometry near = null;
            for (Object o : tree.query(old.getEnvelopeInternal())) {
                FeatureMerge c = (FeatureMerge) o;
                Geometry piece = ConflictBuilder.geometry(c.geometry());
                if (piece.getDimension() == 1 && near == null) near = old.buffer(job.tolerances().matchDistance());
                if (liesOn(piece, old, near)) pieces.add(c);
            }
            if (pieces.isEmpty()) continue;
            successors.put(d, pieces);
            for (FeatureMerge c : pieces) predecessors.computeIfAbsent(c, k -> new ArrayList<>()).add(d);
        }
        List<Lineage> out = new ArrayList<>();
        Set<FeatureMerge> done = new LinkedHashSet<>();
        for (Map.Entry<FeatureMerge, List<FeatureMerge>> e : successors.entrySet()) {
            FeatureMerge d = e.getKey();
            if (done.contains(d)) continue;
            List<FeatureMerge> pieces = e.getValue();
            if (pieces.size() == 1 && predecessors.get(pieces.get(0)).size() > 1) {
                FeatureMerge c = pieces.get(0);
                List<FeatureMerge> olds = predecessors.get(c);
                done.addAll(olds);
                if (!covers(List.of(c), olds)) continue;
                out.add(carry(Lineage.Kind.MERGE, olds, List.of(c), conflicts));
            } else {
                done.add(d);
                if (!covers(pieces, List.of(d))) continue;
                out.add(carry(pieces.size() > 1 ? Lineage.Kind.SPLIT : Lineage.Kind.REPLACE, List.of(d), pieces, conflicts));
            }
        }
        return out;
    }

    /** @param near the old shape widened by the match distance (for lines; computed once per old object) */
    private boolean liesOn(Geometry piece, Geometry old, Geometry near) {
        try {
            if (piece.getDimension() == 2 && old.getDimension() == 2) {
                return piece.getArea() > 0 && piece.intersection(old).getArea() >= 0.5 * piece.getArea();
            }
            if (piece.getDimension() == 1) {
                return piece.getLength() > 0 && piece.intersection(near).getLength() >= 0.5 * piece.getLength();
            }
            return piece.isWithinDistance(old, job.tolerances().matchDistance());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private boolean covers(List<FeatureMerge> news, List<FeatureMerge> olds) {
        List<Geometry> n = new ArrayList<>();
        for (FeatureMerge c : news) n.add(ConflictBuilder.geometry(c.geometry()));
        List<Geometry> o = new ArrayList<>();
        for (FeatureMerge d : olds) o.add(ConflictBuilder.geometry(d.ancestor().geometry()));
        try {
            Geometry un = UnaryUnionOp.union(n);
            Geometry uo = UnaryUnionOp.union(o);
            if (uo.getDimension() == 2) return uo.getArea() > 0 && uo.intersection(un).getArea() >= job.tolerances().matchOverlap() * uo.getArea();
            return org.locationtech.jts.algorithm.distance.DiscreteHausdorffDistance.distance(un, uo) <= job.tolerances().matchDistance();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Lineage carry(Lineage.Kind kind, List<FeatureMerge> olds, List<FeatureMerge> news, List<Conflict> conflicts) {
        List<String> oldKeys = olds.stream().map(FeatureMerge::key).toList();
        List<String> newKeys = news.stream().map(FeatureMerge::key).toList();
        LayerAlignment al = m.alignment();
        // the overlay of each old object: local value by local index, where it differs from the ancestor (compared) or is local-only
        List<Map<Integer, Object>> overlays = new ArrayList<>();
        boolean geometryEdited = false;
        for (FeatureMerge d : olds) {
            Map<Integer, Object> ov = new LinkedHashMap<>();
            Feature l = d.local();
            Feature a = d.ancestor();
            for (int i = 0; i < al.size(); i++) {
                Object av = al.ancestor()[i] < 0 ? null : a.value(al.ancestor()[i]);
                if (!Values.same(av, l.value(al.local()[i]))) ov.put(al.local()[i], l.value(al.local()[i]));
            }
            for (int li : localOnly()) ov.put(li, l.value(li));
            overlays.add(ov);
            geometryEdited |= !Values.sameGeometry(a.geometry(), l.geometry(), job.tolerances().geometry());
        }
        String reason = null;
        if (geometryEdited) reason = "a local geometry correction cannot be carried over to other shapes";
        else if (kind == Lineage.Kind.MERGE && !sameOverlays(overlays)) reason = "the merged objects carry different local overlays";
        String desc = kind.name().toLowerCase(java.util.Locale.ROOT) + " of " + String.join(", ", oldKeys) + " into " + String.join(", ", newKeys);
        if (reason == null) {
            Map<Integer, Object> ov = overlays.get(0);
            for (FeatureMerge c : news) {
                for (Map.Entry<Integer, Object> e : ov.entrySet()) {
                    int i = compared(e.getKey());
                    if (i >= 0) {
                        Object oldNational = olds.get(0).ancestor().value(al.ancestor()[i] < 0 ? al.national()[i] : al.ancestor()[i]);
                        if (!Values.same(c.values()[e.getKey()], oldNational)) continue; // the edition changed it too: national value stays
                    }
                    c.set(e.getKey(), e.getValue());
                }
            }
            for (FeatureMerge d : olds) d.setPresent(false);
        }
        // the delete/edit conflicts of the old objects: resolved by the lineage, or annotated with it
        for (int i = 0; i < conflicts.size(); i++) {
            Conflict c = conflicts.get(i);
            if (c.type() != ConflictType.DELETE_EDIT || !oldKeys.contains(c.key())) continue;
            Conflict annotated = new Conflict(c.id(), c.type(), c.severity(), c.layer(), c.keys(), c.attributes(), c.ancestorGeometry(),
                    c.nationalGeometry(), c.localGeometry(), c.location(), c.status(), c.resolution(),
                    c.message() + "; " + desc + (reason == null ? ": local overlay carried over" : ": " + reason), c.contentHash());
            conflicts.set(i, reason == null
                    ? annotated.withStatus(ConflictStatus.RESOLVED_BY_AUTHORITY, Resolution.of(Choice.NATIONAL, "lineage:" + kind.name().toLowerCase(java.util.Locale.ROOT)))
                    : annotated);
        }
        return new Lineage(m.layer(), kind, oldKeys, newKeys, reason == null, reason);
    }

    private int compared(int localIndex) {
        int[] l = m.alignment().local();
        for (int i = 0; i < l.length; i++) if (l[i] == localIndex) return i;
        return -1;
    }

    private List<Integer> localOnly() {
        List<Integer> out = new ArrayList<>();
        Set<Integer> compared = new java.util.HashSet<>();
        for (int i : m.alignment().local()) compared.add(i);
        for (int i = 0; i < m.local().schema().fields().size(); i++) {
            if (i != m.alignment().localKey() && !compared.contains(i)) out.add(i);
        }
        return out;
    }

    private static boolean sameOverlays(List<Map<Integer, Object>> overlays) {
        Map<Integer, Object> first = overlays.get(0);
        for (Map<Integer, Object> o : overlays) {
            if (!o.keySet().equals(first.keySet())) return false;
            for (Map.Entry<Integer, Object> e : o.entrySet()) if (!Values.same(e.getValue(), first.get(e.getKey()))) return false;
        }
        return true;
    }
}
