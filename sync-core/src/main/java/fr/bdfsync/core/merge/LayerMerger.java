package fr.bdfsync.core.merge;

import fr.bdfsync.core.conflict.AttributeValues;
import fr.bdfsync.core.conflict.Choice;
import fr.bdfsync.core.conflict.Conflict;
import fr.bdfsync.core.conflict.ConflictType;
import fr.bdfsync.core.conflict.Resolution;
import fr.bdfsync.core.diff.ThreeWayClass;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.GeometryValue;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.valid.IsValidOp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Three-way merge of one layer at attribute level.
 * <ul>
 * <li>an attribute (or the geometry) changed on one side only is taken from that side;</li>
 * <li>changed identically on both sides (geometries: within the tolerance) it is taken once;</li>
 * <li>changed differently on both sides it is an {@code edit_edit_attribute} / {@code edit_edit_geometry}
 *     conflict: resolved by the authority matrix when one party is authoritative, open otherwise; the
 *     merged data keeps the local value while it is open. Two geometries are never combined into a third.</li>
 * <li>deleted on one side and edited on the other: {@code delete_edit} / {@code edit_delete}, open;</li>
 * <li>a merged geometry that is not valid (JTS {@link IsValidOp}) is refused: {@code invalid_geometry},
 *     the local geometry is kept;</li>
 * <li>local changes outside the label are {@code scope} conflicts (never contributed);</li>
 * <li>creations on both sides that match each other are {@code insert_insert} ({@link InsertMatcher}).</li>
 * </ul>
 * With no ancestor (first run) the merge is two-way: a difference has no known author, so the authority
 * matrix decides and shared attributes become open conflicts with no ancestor value.
 */
public final class LayerMerger {
    private final SyncJob job;
    private final LayerAlignment al;
    private final KeyedLayer anc;
    private final KeyedLayer nat;
    private final KeyedLayer loc;
    private final ScopeCheck scope;
    private final boolean twoWay;
    private final Map<String, FeatureMerge> merges = new LinkedHashMap<>();
    private final List<Conflict> conflicts = new ArrayList<>();
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final Map<String, ThreeWayClass> geometryVerdicts;

    public LayerMerger(SyncJob job, LayerAlignment alignment, KeyedLayer ancestor, KeyedLayer national, KeyedLayer local) {
        this(job, alignment, ancestor, national, local, Map.of());
    }

    /**
     * @param geometryVerdicts the diff's three-way verdict on the geometry of some keys (same tolerance), reused
     *                         instead of comparing the three geometries again; other keys are compared here
     */
    public LayerMerger(SyncJob job, LayerAlignment alignment, KeyedLayer ancestor, KeyedLayer national, KeyedLayer local,
                       Map<String, ThreeWayClass> geometryVerdicts) {
        this.geometryVerdicts = geometryVerdicts;
        this.job = job;
        this.al = alignment;
        this.anc = ancestor;
        this.nat = national;
        this.loc = local;
        this.scope = new ScopeCheck(job.theme(), job.label());
        this.twoWay = ancestor == null;
    }

    public LayerMerge run() {
        for (String key : loc.byKey().keySet()) mergeKey(key);
        for (String key : nat.byKey().keySet()) if (!loc.byKey().containsKey(key)) mergeKey(key);
        // keys of the ancestor absent from both sides were deleted on both: nothing to do
        for (Feature f : loc.keyless()) localCreation("fid:" + f.fid(), f);
        new InsertMatcher(job, al.layer(), nat.schema().geometryType()).match(this);
        return new LayerMerge(al.layer(), al, anc, nat, loc, merges, conflicts, pending, twoWay);
    }

    // ------------------------------------------------------------------ per key

    private void mergeKey(String key) {
        Feature a = anc == null ? null : anc.get(key);
        Feature n = nat.get(key);
        Feature l = loc.get(key);
        if (n != null && l != null) both(key, a, n, l);
        else if (n != null) nationalOnly(key, a, n);
        else if (l != null) localOnly(key, a, l);
    }

    private void both(String key, Feature a, Feature n, Feature l) {
        FeatureMerge fm = null;
        boolean noBase = a == null;
        Supplier<Geometry> where = where(l, n);
        for (int i = 0; i < al.size(); i++) {
            Object av = ancestorValue(a, i);
            Object nv = n.value(al.national()[i]);
            Object lv = l.value(al.local()[i]);
            if (Values.same(nv, lv)) continue; // unchanged, or changed identically on both sides
            boolean nCh = noBase || !Values.same(av, nv);
            boolean lCh = noBase || !Values.same(av, lv);
            if (fm == null) fm = merge(key, a, n, l);
            if (nCh && !lCh) {
                fm.set(al.local()[i], nv);
            } else if (lCh && !nCh) {
                scope(fm, al.names().get(i), i, av, nv, lv, where);
            } else {
                String name = al.names().get(i);
                Conflict c = ConflictBuilder.build(ConflictType.EDIT_EDIT_ATTRIBUTE, al.layer(), List.of(key), name,
                        List.of(new AttributeValues(name, av, nv, lv)), null, null, where.get(),
                        name + " changed on both sides" + (noBase ? " (no ancestor: two-way)" : "") + ": national '" + nv + "', local '" + lv + "'");
                add(byAuthority(c, name, where), new Pending(fm, i, null));
            }
        }
        GeometryValue ag = a == null ? null : a.geometry();
        GeometryValue ng = n.geometry();
        GeometryValue lg = l.geometry();
        ThreeWayClass verdict = geometryVerdicts.get(key);
        if (verdict == null) verdict = geometryVerdict(ag, ng, lg, noBase);
        if (verdict != ThreeWayClass.UNCHANGED && verdict != ThreeWayClass.CONVERGENT) {
            boolean nCh = verdict != ThreeWayClass.LOCAL_ONLY;
            boolean lCh = verdict != ThreeWayClass.NATIONAL_ONLY;
            if (fm == null) fm = merge(key, a, n, l);
            if (nCh && !lCh) {
                takeGeometry(fm, ng, ag);
            } else if (lCh && !nCh) {
                if (lg != null && !Values.valid(lg)) {
                    add(ConflictBuilder.build(ConflictType.INVALID_GEOMETRY, al.layer(), List.of(key), AuthorityRule.GEOMETRY, List.of(),
                            geom(ag), geom(ng), geom(lg), "the local geometry edit is invalid ("
                                    + new IsValidOp(lg.parseTransient()).getValidationError().getMessage() + "): not contributed"), new Pending(fm, Pending.GEOMETRY, null));
                }
                scope(fm, AuthorityRule.GEOMETRY, Pending.GEOMETRY, null, null, null, () -> geom(lg));
            } else {
                Conflict c = ConflictBuilder.build(ConflictType.EDIT_EDIT_GEOMETRY, al.layer(), List.of(key), AuthorityRule.GEOMETRY, List.of(),
                        geom(ag), geom(ng), geom(lg), "geometry changed differently on both sides" + (noBase ? " (no ancestor: two-way)" : ""));
                add(byAuthority(c, AuthorityRule.GEOMETRY, () -> geom(lg)), new Pending(fm, Pending.GEOMETRY, null));
            }
        }
    }

    /** The three-way verdict on a geometry (tolerance-aware; compared bytes first). */
    private ThreeWayClass geometryVerdict(GeometryValue ag, GeometryValue ng, GeometryValue lg, boolean noBase) {
        double tol = job.tolerances().geometry();
        if (Values.sameGeometry(ng, lg, tol)) return ThreeWayClass.UNCHANGED; // or convergent: nothing to do either way
        boolean nCh = noBase || !Values.sameGeometry(ag, ng, tol);
        boolean lCh = noBase || !Values.sameGeometry(ag, lg, tol);
        return nCh && lCh ? ThreeWayClass.DIVERGENT : nCh ? ThreeWayClass.NATIONAL_ONLY : ThreeWayClass.LOCAL_ONLY;
    }

    /** Takes the national geometry unless it is invalid: then the local one stays and the refusal is a conflict. */
    private void takeGeometry(FeatureMerge fm, GeometryValue ng, GeometryValue ag) {
        if (ng != null && !Values.valid(ng)) {
            String reason = new IsValidOp(ng.parseTransient()).getValidationError().getMessage();
            Conflict c = ConflictBuilder.build(ConflictType.INVALID_GEOMETRY, al.layer(), List.of(fm.key()), AuthorityRule.GEOMETRY, List.of(),
                    geom(ag), geom(ng), geom(fm.local() == null ? null : fm.local().geometry()),
                    "the merged geometry would be invalid (" + reason + "): the local geometry is kept");
            add(c, new Pending(fm, Pending.GEOMETRY, null));
            return;
        }
        fm.setGeometry(ng);
    }

    private void nationalOnly(String key, Feature a, Feature n) {
        if (a == null) {
            // a national creation (or, two-way, an object the local data does not hold)
            FeatureMerge fm = new FeatureMerge(key, null, n, null, nationalToLocal(key, n), n.geometry(), true);
            merges.put(key, fm);
            if (n.geometry() != null && !Values.valid(n.geometry())) {
                fm.setPresent(false);
                add(ConflictBuilder.build(ConflictType.INVALID_GEOMETRY, al.layer(), List.of(key), AuthorityRule.GEOMETRY, List.of(),
                        null, geom(n.geometry()), null, "the national creation has an invalid geometry: not taken"), new Pending(fm, Pending.GEOMETRY, null));
            }
            return;
        }
        FeatureMerge fm = new FeatureMerge(key, a, n, null, nationalToLocal(key, n), n.geometry(), false);
        merges.put(key, fm);
        List<AttributeValues> changed = changedAttributes(a, n, true);
        boolean geomChanged = !Values.sameGeometry(a.geometry(), n.geometry(), job.tolerances().geometry());
        if (!changed.isEmpty() || geomChanged) {
            add(ConflictBuilder.build(ConflictType.EDIT_DELETE, al.layer(), List.of(key), "", changed, geom(a.geometry()), geom(n.geometry()), null,
                    "deleted locally, edited nationally (" + describe(changed, geomChanged) + ")"), new Pending(fm, Pending.WHOLE, null));
        } else {
            String why = scope.violationAt(al.layer(), null, () -> geom(a.geometry()));
            if (why != null) {
                add(ConflictBuilder.build(ConflictType.SCOPE, al.layer(), List.of(key), "", List.of(), geom(a.geometry()), geom(n.geometry()), null,
                        "local deletion out of scope: " + why), new Pending(fm, Pending.WHOLE, null));
            }
        }
    }

    private void localOnly(String key, Feature a, Feature l) {
        if (a == null) {
            localCreation(key, l);
            return;
        }
        List<AttributeValues> changed = changedAttributes(a, l, false);
        boolean geomChanged = !Values.sameGeometry(a.geometry(), l.geometry(), job.tolerances().geometry());
        FeatureMerge fm = new FeatureMerge(key, a, null, l, l.values().clone(), l.geometry(), true);
        merges.put(key, fm);
        if (!changed.isEmpty() || geomChanged) {
            add(ConflictBuilder.build(ConflictType.DELETE_EDIT, al.layer(), List.of(key), "", changed, geom(a.geometry()), null, geom(l.geometry()),
                    "deleted nationally, edited locally (" + describe(changed, geomChanged) + ")"), new Pending(fm, Pending.WHOLE, null));
        } else {
            fm.setPresent(false); // the national deletion is taken
        }
    }

    private void localCreation(String key, Feature l) {
        FeatureMerge fm = new FeatureMerge(key, null, null, l, l.values().clone(), l.geometry(), true);
        merges.put(key, fm);
        String why = scope.violationAt(al.layer(), null, () -> geom(l.geometry()));
        if (why != null) {
            add(ConflictBuilder.build(ConflictType.SCOPE, al.layer(), List.of(key), "", List.of(), null, null, geom(l.geometry()),
                    "local creation out of scope: " + why), new Pending(fm, Pending.WHOLE, null));
        }
    }

    // ------------------------------------------------------------------ helpers

    private void scope(FeatureMerge fm, String attribute, int index, Object av, Object nv, Object lv, Supplier<Geometry> where) {
        String why = scope.violationAt(al.layer(), attribute, where);
        if (why == null) return;
        List<AttributeValues> values = index >= 0 ? List.of(new AttributeValues(attribute, av, nv, lv)) : List.of();
        Geometry ag = index == Pending.GEOMETRY ? geom(fm.ancestor() == null ? null : fm.ancestor().geometry()) : null;
        Geometry ng = index == Pending.GEOMETRY ? geom(fm.national().geometry()) : null;
        add(ConflictBuilder.build(ConflictType.SCOPE, al.layer(), List.of(fm.key()), attribute, values, ag, ng, where.get(),
                "local change of " + attribute + " out of scope: " + why), new Pending(fm, index, null));
    }

    private Conflict byAuthority(Conflict c, String attribute, Supplier<Geometry> where) {
        Authority a = job.authority().authorityAt(job.theme(), al.layer(), attribute, where);
        switch (a.kind()) {
            case IGN:
                return ConflictBuilder.resolved(c, Resolution.of(Choice.NATIONAL, a.rule()));
            case COMMUNITY:
                boolean ours = job.label() != null && job.label().community().equals(a.communityId());
                return ConflictBuilder.resolved(c, Resolution.of(ours ? Choice.LOCAL : Choice.NATIONAL, a.rule()));
            default:
                return c;
        }
    }

    void add(Conflict c, Pending p) {
        conflicts.add(c);
        pending.put(c.id(), p);
    }

    FeatureMerge merge(String key, Feature a, Feature n, Feature l) {
        return merges.computeIfAbsent(key, k -> new FeatureMerge(k, a, n, l, l.values().clone(), l.geometry(), true));
    }

    Map<String, FeatureMerge> merges() {
        return merges;
    }

    KeyedLayer national() {
        return nat;
    }

    KeyedLayer ancestor() {
        return anc;
    }

    private Object ancestorValue(Feature a, int i) {
        if (a == null || al.ancestor()[i] < 0) return null;
        return a.value(al.ancestor()[i]);
    }

    /** Attributes of {@code other} (national or local) that differ from the ancestor. */
    private List<AttributeValues> changedAttributes(Feature a, Feature other, boolean otherIsNational) {
        List<AttributeValues> out = new ArrayList<>();
        for (int i = 0; i < al.size(); i++) {
            Object av = ancestorValue(a, i);
            Object ov = other.value(otherIsNational ? al.national()[i] : al.local()[i]);
            if (!Values.same(av, ov)) {
                out.add(otherIsNational ? new AttributeValues(al.names().get(i), av, ov, null) : new AttributeValues(al.names().get(i), av, null, ov));
            }
        }
        return out;
    }

    private static String describe(List<AttributeValues> changed, boolean geometry) {
        List<String> names = new ArrayList<>();
        for (AttributeValues v : changed) names.add(v.name());
        if (geometry) names.add("geometry");
        return String.join(", ", names);
    }

    /** A national feature's values in the local schema (local-only attributes empty). */
    Object[] nationalToLocal(String key, Feature n) {
        Object[] values = new Object[loc.schema().fields().size()];
        for (int i = 0; i < al.size(); i++) values[al.local()[i]] = n.value(al.national()[i]);
        values[al.localKey()] = key;
        return values;
    }

    /** Where a change is (local geometry, else national), parsed only when a territory or a conflict asks. */
    private static Supplier<Geometry> where(Feature l, Feature n) {
        GeometryValue g = l.geometry() != null ? l.geometry() : n.geometry();
        return () -> ConflictBuilder.geometry(g);
    }

    static Geometry geom(GeometryValue g) {
        return ConflictBuilder.geometry(g);
    }
}
