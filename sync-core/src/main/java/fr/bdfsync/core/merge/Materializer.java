package fr.bdfsync.core.merge;

import fr.bdfsync.core.conflict.Choice;
import fr.bdfsync.core.conflict.Conflict;
import fr.bdfsync.core.conflict.ConflictType;
import fr.bdfsync.core.conflict.Resolution;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.GeometryValue;

import java.util.List;
import java.util.Map;

/**
 * Applies the resolved conflicts of a layer (by authority or by decision) to its merged objects. Open
 * conflicts leave the tentative result (the local version) in place. A resolution that would put an
 * invalid geometry in the merged data is not applied: the merged data is always valid.
 */
final class Materializer {
    private final LayerMerge merge;

    Materializer(LayerMerge merge) {
        this.merge = merge;
    }

    void apply(List<Conflict> conflicts) {
        for (Conflict c : conflicts) {
            if (!c.isOpen() && c.resolution() != null) {
                Pending p = merge.pending().get(c.id());
                if (p != null) apply(c, p, c.resolution());
            }
        }
    }

    private void apply(Conflict c, Pending p, Resolution r) {
        FeatureMerge fm = p.merge();
        Choice ch = r.choice();
        if (ch == Choice.DELETE) {
            fm.setPresent(false);
            if (p.other() != null) p.other().setPresent(false);
            return;
        }
        if (p.attribute() >= 0) {
            attribute(fm, p.attribute(), ch, r.values());
        } else if (p.attribute() == Pending.GEOMETRY) {
            geometry(fm, ch);
        } else {
            whole(c.type(), fm, p.other(), ch, r.values());
        }
    }

    private void attribute(FeatureMerge fm, int i, Choice ch, Map<String, Object> values) {
        LayerAlignment al = merge.alignment();
        int li = al.local()[i];
        switch (ch) {
            case NATIONAL:
                if (fm.national() != null) fm.set(li, fm.national().value(al.national()[i]));
                break;
            case LOCAL:
                if (fm.local() != null) fm.set(li, fm.local().value(li));
                break;
            case ANCESTOR:
                fm.set(li, fm.ancestor() == null || al.ancestor()[i] < 0 ? null : fm.ancestor().value(al.ancestor()[i]));
                break;
            case VALUES:
                String name = al.names().get(i);
                if (values != null && values.containsKey(name)) fm.set(li, values.get(name));
                break;
            default:
                break;
        }
    }

    private void geometry(FeatureMerge fm, Choice ch) {
        Feature from = ch == Choice.NATIONAL ? fm.national() : ch == Choice.ANCESTOR ? fm.ancestor() : ch == Choice.LOCAL ? fm.local() : null;
        if (from == null) {
            if (ch == Choice.LOCAL && fm.local() == null) fm.setPresent(false);
            return;
        }
        GeometryValue g = from.geometry();
        if (g != null && !Values.valid(g)) return; // never write an invalid geometry
        fm.setGeometry(g);
        if (fm.local() == null && ch == Choice.NATIONAL) fm.setPresent(true);
    }

    private void whole(ConflictType type, FeatureMerge fm, FeatureMerge other, Choice ch, Map<String, Object> values) {
        LayerAlignment al = merge.alignment();
        switch (ch) {
            case NATIONAL:
                if (other != null) { // insert/insert: keep the national creation only
                    fm.setPresent(false);
                    other.setPresent(true);
                } else if (fm.national() == null) {
                    fm.setPresent(false);
                } else {
                    copy(fm, fm.national(), al.national());
                    fm.setPresent(true);
                }
                break;
            case LOCAL:
                if (other != null) {
                    other.setPresent(false);
                    fm.setPresent(true);
                } else if (fm.local() == null) {
                    fm.setPresent(false);
                } else {
                    System.arraycopy(fm.local().values(), 0, fm.values(), 0, fm.values().length);
                    fm.setGeometry(fm.local().geometry());
                    fm.setPresent(true);
                }
                break;
            case ANCESTOR:
                if (fm.ancestor() == null) {
                    fm.setPresent(false);
                    if (other != null) other.setPresent(false);
                } else {
                    copy(fm, fm.ancestor(), al.ancestor());
                    fm.setPresent(true);
                }
                break;
            case VALUES:
                if (values != null) {
                    for (int i = 0; i < al.size(); i++) {
                        if (values.containsKey(al.names().get(i))) fm.set(al.local()[i], values.get(al.names().get(i)));
                    }
                }
                fm.setPresent(true);
                break;
            default:
                break;
        }
    }

    /** Overwrites the compared attributes and the geometry with a national-schema version (national or ancestor). */
    private void copy(FeatureMerge fm, Feature from, int[] indexes) {
        LayerAlignment al = merge.alignment();
        for (int i = 0; i < al.size(); i++) fm.set(al.local()[i], indexes[i] < 0 ? null : from.value(indexes[i]));
        fm.set(al.localKey(), fm.key());
        GeometryValue g = from.geometry();
        if (g == null || Values.valid(g)) fm.setGeometry(g);
    }
}
