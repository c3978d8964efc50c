package fr.bdfsync.core.diff;

import fr.bdfsync.core.feature.GeometryEquality;
import fr.bdfsync.core.feature.GeometryValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Combines the ancestor → national and ancestor → local change sets of a layer into three-way verdicts. */
public final class ThreeWayClassifier {
    private ThreeWayClassifier() {
    }

    public static ThreeWayLayer classify(String layer, LayerDiff national, LayerDiff local, GeometryEquality equality) {
        List<FeatureChange> n = byKey(national.changes()), l = byKey(local.changes());
        // both lists in key order: one merge (no map, no sorted set)
        List<ThreeWayFeature> out = new ArrayList<>(Math.max(n.size(), l.size()));
        long localOnlyEdits = 0;
        int i = 0, j = 0;
        while (i < n.size() || j < l.size()) {
            int c = i == n.size() ? 1 : j == l.size() ? -1 : KeyOrder.compare(n.get(i).key(), l.get(j).key());
            if (c < 0) {
                FeatureChange x = n.get(i++);
                out.add(classify(x.key(), x, null, equality));
            } else if (c > 0) {
                FeatureChange y = l.get(j++);
                if (y.operation() != Operation.INSERT) localOnlyEdits++;
                out.add(classify(y.key(), null, y, equality));
            } else {
                FeatureChange x = n.get(i++), y = l.get(j++);
                out.add(classify(x.key(), x, y, equality));
            }
        }
        // features unchanged nationally but changed locally are counted in national.unchanged: remove them
        long unchangedBoth = Math.max(0, national.unchanged() - localOnlyEdits);
        return new ThreeWayLayer(layer, national, local, out, unchangedBoth);
    }

    /** The changes in key order (as a diff gives them; sorted here otherwise). */
    private static List<FeatureChange> byKey(List<FeatureChange> changes) {
        for (int k = 1; k < changes.size(); k++) {
            if (KeyOrder.compare(changes.get(k - 1).key(), changes.get(k).key()) >= 0) {
                List<FeatureChange> sorted = new ArrayList<>(changes);
                sorted.sort((a, b) -> KeyOrder.compare(a.key(), b.key()));
                return sorted;
            }
        }
        return changes;
    }

    /** The verdict on one key; {@code nat} or {@code loc} is null when that side did not change it. */
    public static ThreeWayFeature classify(String key, FeatureChange nat, FeatureChange loc, GeometryEquality equality) {
        if (nat == null && loc == null) return new ThreeWayFeature(key, ThreeWayClass.UNCHANGED, null, null, List.of(), ThreeWayClass.UNCHANGED);
        if (loc == null) return oneSide(key, nat, null, ThreeWayClass.NATIONAL_ONLY);
        if (nat == null) return oneSide(key, null, loc, ThreeWayClass.LOCAL_ONLY);
        Operation on = nat.operation(), ol = loc.operation();
        if (on == Operation.DELETE && ol == Operation.DELETE) return new ThreeWayFeature(key, ThreeWayClass.CONVERGENT, nat, loc, List.of(), ThreeWayClass.UNCHANGED);
        if (on == Operation.DELETE) return new ThreeWayFeature(key, ThreeWayClass.DELETE_EDIT, nat, loc, verdicts(nat, loc, equality), geometryClass(nat, loc, equality));
        if (ol == Operation.DELETE) return new ThreeWayFeature(key, ThreeWayClass.EDIT_DELETE, nat, loc, verdicts(nat, loc, equality), geometryClass(nat, loc, equality));
        if (on == Operation.INSERT && ol == Operation.INSERT) {
            Row a = nat.after(), b = loc.after();
            List<AttributeChange> differing = Changes.attributeChanges(a, b);
            boolean sameAttrs = differing.isEmpty() && a.attributes().keySet().equals(b.attributes().keySet());
            boolean sameGeom = sameGeometry(a.geometry(), b.geometry(), equality);
            ThreeWayClass c = sameAttrs && sameGeom ? ThreeWayClass.CONVERGENT : ThreeWayClass.DIVERGENT;
            // the columns the two insertions disagree on (no ancestor value), so that a reviewer sees what differs
            List<AttributeVerdict> v = new ArrayList<>(differing.size());
            for (AttributeChange d : differing) v.add(new AttributeVerdict(d.column(), ThreeWayClass.DIVERGENT, null, d.oldValue(), d.newValue()));
            return new ThreeWayFeature(key, c, nat, loc, v, sameGeom ? ThreeWayClass.CONVERGENT : ThreeWayClass.DIVERGENT);
        }
        List<AttributeVerdict> v = verdicts(nat, loc, equality);
        ThreeWayClass g = geometryClass(nat, loc, equality);
        boolean divergent = g == ThreeWayClass.DIVERGENT, natOnly = g == ThreeWayClass.NATIONAL_ONLY, locOnly = g == ThreeWayClass.LOCAL_ONLY;
        for (AttributeVerdict a : v) {
            divergent |= a.classification() == ThreeWayClass.DIVERGENT;
            natOnly |= a.classification() == ThreeWayClass.NATIONAL_ONLY;
            locOnly |= a.classification() == ThreeWayClass.LOCAL_ONLY;
        }
        ThreeWayClass c = divergent ? ThreeWayClass.DIVERGENT
                : natOnly && locOnly ? ThreeWayClass.BOTH_DISJOINT
                : natOnly ? ThreeWayClass.NATIONAL_ONLY
                : locOnly ? ThreeWayClass.LOCAL_ONLY
                : ThreeWayClass.CONVERGENT;
        return new ThreeWayFeature(key, c, nat, loc, v, g);
    }

    private static ThreeWayFeature oneSide(String key, FeatureChange nat, FeatureChange loc, ThreeWayClass cls) {
        FeatureChange c = nat != null ? nat : loc;
        List<AttributeVerdict> v = new ArrayList<>();
        for (AttributeChange a : c.attributes()) {
            v.add(nat != null ? new AttributeVerdict(a.column(), cls, a.oldValue(), a.newValue(), a.oldValue())
                    : new AttributeVerdict(a.column(), cls, a.oldValue(), a.oldValue(), a.newValue()));
        }
        return new ThreeWayFeature(key, cls, nat, loc, v, c.geometryChanged() ? cls : ThreeWayClass.UNCHANGED);
    }

    private static List<AttributeVerdict> verdicts(FeatureChange nat, FeatureChange loc, GeometryEquality equality) {
        Map<String, AttributeChange> an = new HashMap<>(), al = new HashMap<>();
        for (AttributeChange a : nat.attributes()) an.put(a.column(), a);
        for (AttributeChange a : loc.attributes()) al.put(a.column(), a);
        TreeSet<String> cols = new TreeSet<>(an.keySet());
        cols.addAll(al.keySet());
        List<AttributeVerdict> out = new ArrayList<>();
        for (String c : cols) {
            AttributeChange x = an.get(c), y = al.get(c);
            Object anc = x != null ? x.oldValue() : y.oldValue();
            Object nv = x != null ? x.newValue() : anc, lv = y != null ? y.newValue() : anc;
            ThreeWayClass cls = x == null ? ThreeWayClass.LOCAL_ONLY : y == null ? ThreeWayClass.NATIONAL_ONLY
                    : Row.valueEquals(x.newValue(), y.newValue()) ? ThreeWayClass.CONVERGENT : ThreeWayClass.DIVERGENT;
            out.add(new AttributeVerdict(c, cls, anc, nv, lv));
        }
        return out;
    }

    private static ThreeWayClass geometryClass(FeatureChange nat, FeatureChange loc, GeometryEquality equality) {
        boolean gn = nat.geometryChanged(), gl = loc.geometryChanged();
        if (!gn && !gl) return ThreeWayClass.UNCHANGED;
        if (!gl) return ThreeWayClass.NATIONAL_ONLY;
        if (!gn) return ThreeWayClass.LOCAL_ONLY;
        return sameGeometry(nat.after() == null ? null : nat.after().geometry(), loc.after() == null ? null : loc.after().geometry(), equality)
                ? ThreeWayClass.CONVERGENT : ThreeWayClass.DIVERGENT;
    }

    private static boolean sameGeometry(GeometryValue a, GeometryValue b, GeometryEquality equality) {
        if (a == null || b == null) return a == b;
        return a.sameWkb(b) || equality.same(a.parseTransient(), b.parseTransient());
    }
}
