package fr.bdfsync.core.merge;

import fr.bdfsync.core.conflict.Conflict;
import fr.bdfsync.core.conflict.ConflictType;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The changes to contribute for one layer, derived from the merged result against the national edition:
 * a creation is a merged object the national side does not hold; a deletion a national object the local
 * side deleted (from the ancestor); an update the compared attributes and geometry where the merged
 * object differs from the national one. Never contributed: objects or attributes with an open conflict,
 * anything with a {@code scope} conflict (whatever its status), a geometry refused as invalid.
 */
final class Contribution {
    enum Op { INSERT, UPDATE, DELETE }

    /** One change, in the national schema. */
    record Change(Op op, String key, String baseFingerprint, List<String> changed, Feature feature) {
    }

    private Contribution() {
    }

    static List<Change> of(LayerMerge m, List<Conflict> layerConflicts, double tolerance) {
        Set<String> blockedKeys = new HashSet<>();
        Set<String> blockedAttrs = new HashSet<>();
        for (Conflict c : layerConflicts) {
            Pending p = m.pending().get(c.id());
            if (p == null) continue;
            boolean block = c.isOpen() || c.type() == ConflictType.SCOPE || c.type() == ConflictType.INVALID_GEOMETRY;
            if (!block) continue;
            if (p.attribute() == Pending.WHOLE) {
                blockedKeys.add(p.merge().key());
                if (p.other() != null) blockedKeys.add(p.other().key());
            } else {
                blockedAttrs.add(p.merge().key() + "\n" + p.attribute());
            }
        }
        LayerAlignment al = m.alignment();
        Schema ns = m.national().schema();
        int[] all = new int[al.size()];
        System.arraycopy(al.national(), 0, all, 0, all.length);
        List<Change> out = new ArrayList<>();
        for (FeatureMerge fm : m.merges().values()) {
            if (blockedKeys.contains(fm.key())) continue;
            Feature n = fm.national();
            if (fm.present() && n == null && fm.local() != null) {
                out.add(new Change(Op.INSERT, fm.key(), null, List.of(), toNational(fm, null, ns, al)));
            } else if (!fm.present() && n != null && fm.local() == null && fm.ancestor() != null) {
                out.add(new Change(Op.DELETE, fm.key(), Fingerprints.of(n, all), List.of(), n));
            } else if (fm.present() && n != null && fm.local() != null) {
                List<String> changed = new ArrayList<>();
                for (int i = 0; i < al.size(); i++) {
                    if (blockedAttrs.contains(fm.key() + "\n" + i)) continue;
                    if (!Values.same(fm.values()[al.local()[i]], n.value(al.national()[i]))) changed.add(al.names().get(i));
                }
                boolean geom = !blockedAttrs.contains(fm.key() + "\n" + Pending.GEOMETRY)
                        && !Values.sameGeometry(fm.geometry(), n.geometry(), tolerance);
                if (geom) changed.add(AuthorityRule.GEOMETRY);
                if (!changed.isEmpty()) out.add(new Change(Op.UPDATE, fm.key(), Fingerprints.of(n, all), changed, toNational(fm, n, ns, al, changed)));
            }
        }
        return out;
    }

    private static Feature toNational(FeatureMerge fm, Feature n, Schema ns, LayerAlignment al) {
        return toNational(fm, n, ns, al, null);
    }

    /** The merged object in the national schema; for an update, only the changed attributes take the merged value. */
    private static Feature toNational(FeatureMerge fm, Feature n, Schema ns, LayerAlignment al, List<String> changed) {
        Object[] v = n == null ? new Object[ns.fields().size()] : n.values().clone();
        for (int i = 0; i < al.size(); i++) {
            if (changed == null || changed.contains(al.names().get(i))) v[al.national()[i]] = fm.values()[al.local()[i]];
        }
        v[al.nationalKey()] = fm.key().startsWith("fid:") ? null : fm.key();
        boolean geom = changed == null || changed.contains(AuthorityRule.GEOMETRY);
        return new Feature(0, v, geom ? fm.geometry() : n.geometry());
    }
}
