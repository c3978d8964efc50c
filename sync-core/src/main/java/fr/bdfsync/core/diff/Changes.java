package fr.bdfsync.core.diff;

import fr.bdfsync.core.feature.GeometryEquality;
import fr.bdfsync.core.feature.GeometryValue;
import org.locationtech.jts.geom.Geometry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Builds feature changes from two states, and composes change sets. */
public final class Changes {
    private Changes() {
    }

    /** A change between two states of a feature, or null when there is none; {@code absorbed} when geometry bytes differed within tolerance. */
    public record Outcome(FeatureChange change, boolean absorbed) {
    }

    /** Tolerance source for one comparison. */
    public interface Tolerance {
        GeometryEquality equalityFor(Row before, Row after);
    }

    /** Compares two states of the same key. Either may be null (insert, delete). */
    public static Outcome compare(String key, Row before, Row after, Tolerance tolerance) {
        return compare(key, before, after, tolerance, null);
    }

    /**
     * {@link #compare(String, Row, Row, Tolerance)}, taking the geometry verdict and measures of {@code known}'s change
     * of this key when it compared the same two geometries (same stored bytes before and after) under the same
     * tolerances (both computed by {@code tolerance}, which must be the function {@code known} was compared with): the
     * comparison is a function of those alone, so the result is the same, without parsing. A three-way
     * diff passes the ancestor → national changes when comparing ancestor → local: an edit made on both sides
     * (convergent) is compared once.
     */
    public static Outcome compare(String key, Row before, Row after, Tolerance tolerance, Map<String, FeatureChange> known) {
        if (before == null && after == null) return new Outcome(null, false);
        if (before == null) return new Outcome(new FeatureChange(key, Operation.INSERT, null, after, List.of(), null), false);
        if (after == null) return new Outcome(new FeatureChange(key, Operation.DELETE, before, null, List.of(), null), false);
        List<AttributeChange> attrs = attributeChanges(before, after);
        GeometryChange gc = null;
        boolean absorbed = false;
        GeometryValue gb = before.geometry(), ga = after.geometry();
        if (gb != null && ga != null) {
            if (!gb.sameWkb(ga)) {
                GeometryEquality eq = tolerance.equalityFor(before, after);
                FeatureChange k = known == null ? null : sameGeometries(known.get(key), gb, ga, eq, tolerance);
                if (k != null) {
                    gc = k.geometry();
                    absorbed = gc == null;
                } else if (gb.sameInStoredOrder(ga, eq)) {
                    absorbed = true; // every vertex within the tolerances, read from the stored bytes: found without parsing
                } else {
                    GeometryEquality.Comparison cmp = eq.compare(gb.parseTransient(), ga.parseTransient());
                    if (cmp.same()) absorbed = true;
                    else gc = new GeometryChange(cmp.hausdorff(), cmp.maxDz(), cmp.areaDelta(), cmp.lengthDelta());
                }
            }
        } else if (gb != null || ga != null) {
            Geometry g = (gb != null ? gb : ga).parseTransient();
            double sign = gb == null ? 1 : -1;
            gc = new GeometryChange(Double.NaN, 0, sign * g.getArea(), sign * g.getLength());
        }
        if (attrs.isEmpty() && gc == null) return new Outcome(null, absorbed);
        // same geometry bytes on both sides: keep one copy (memory grows with the changes, not twice)
        Row kept = gb != null && ga != null && gb != ga && gc == null && gb.sameWkb(ga) ? new Row(after.fid(), withoutGeometry(after), gb) : after;
        return new Outcome(new FeatureChange(key, Operation.UPDATE, before, kept, attrs, gc), absorbed);
    }

    /** {@code k} when it is an update between the same geometry bytes as {@code gb → ga}, under the same tolerances; else null. */
    private static FeatureChange sameGeometries(FeatureChange k, GeometryValue gb, GeometryValue ga, GeometryEquality eq, Tolerance tolerance) {
        if (k == null || k.operation() != Operation.UPDATE) return null;
        GeometryValue kb = k.before().geometry(), ka = k.after().geometry();
        if (kb == null || ka == null || !kb.sameWkb(gb) || !ka.sameWkb(ga)) return null;
        GeometryEquality ek = tolerance.equalityFor(k.before(), k.after());
        return ek.xyTolerance() == eq.xyTolerance() && ek.zTolerance() == eq.zTolerance() ? k : null;
    }

    /** A row's values without the bytes of its geometry when they are a record holding them (the geometry is kept apart). */
    private static java.util.SortedMap<String, Object> withoutGeometry(Row r) {
        return r.attributes() instanceof RecordValues ? ((RecordValues) r.attributes()).withoutGeometry() : r.attributes();
    }

    /** The attributes whose values differ; a column present on one side only is a schema change, not listed. */
    public static List<AttributeChange> attributeChanges(Row before, Row after) {
        if (before.attributes() instanceof RecordValues && after.attributes() instanceof RecordValues) {
            // two records of one layout: only the columns whose stored bytes differ are decoded and compared
            List<String> differing = RecordValues.differingColumns((RecordValues) before.attributes(), (RecordValues) after.attributes());
            if (differing != null) {
                List<AttributeChange> out = new ArrayList<>(differing.size());
                for (String c : differing) {
                    Object ov = before.get(c), nv = after.get(c);
                    if (!Row.valueEquals(ov, nv)) out.add(new AttributeChange(c, ov, nv));
                }
                return out;
            }
        }
        List<AttributeChange> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : before.attributes().entrySet()) {
            if (!after.attributes().containsKey(e.getKey())) continue;
            Object nv = after.attributes().get(e.getKey());
            if (!Row.valueEquals(e.getValue(), nv)) out.add(new AttributeChange(e.getKey(), e.getValue(), nv));
        }
        return out;
    }

    /**
     * Composes A → B with B → C into A → C, key by key: insert then update is an insert of the last state,
     * insert then delete cancels, delete then insert becomes an update (or nothing when the states agree),
     * update then update compares the first before with the last after.
     */
    public static LayerDiff compose(LayerDiff ab, LayerDiff bc, Tolerance tolerance) {
        Map<String, FeatureChange> first = new HashMap<>(), second = new HashMap<>();
        for (FeatureChange c : ab.changes()) first.put(c.key(), c);
        for (FeatureChange c : bc.changes()) second.put(c.key(), c);
        Set<String> keys = new TreeSet<>(KeyOrder.INSTANCE);
        keys.addAll(first.keySet());
        keys.addAll(second.keySet());
        List<FeatureChange> out = new ArrayList<>();
        long absorbed = 0;
        for (String k : keys) {
            FeatureChange x = first.get(k), y = second.get(k);
            if (y == null) {
                out.add(x);
                continue;
            }
            if (x == null) {
                out.add(y);
                continue;
            }
            Row before = x.before();
            Row after = y.after();
            Outcome o = compare(k, before, after, tolerance);
            if (o.absorbed()) absorbed++;
            if (o.change() != null) out.add(o.change());
        }
        List<SchemaChange> schema = new ArrayList<>(ab.schemaChanges());
        for (SchemaChange s : bc.schemaChanges()) {
            if (schema.contains(s.inverse())) schema.remove(s.inverse());
            else schema.add(s);
        }
        return new LayerDiff(ab.layer(), ab.keyColumn(), ab.xyTolerance(), ab.crs(), schema, out, Math.min(ab.unchanged(), bc.unchanged()), absorbed);
    }

    /** Applies a change set to the rows of a layer keyed by key: the rows of the other side. */
    public static TreeMap<String, Row> apply(LayerDiff diff, Map<String, Row> rows) {
        TreeMap<String, Row> out = new TreeMap<>(KeyOrder.INSTANCE);
        out.putAll(rows);
        for (FeatureChange c : diff.changes()) {
            switch (c.operation()) {
                case INSERT:
                    if (out.containsKey(c.key())) throw new IllegalStateException("insert of existing key " + c.key());
                    out.put(c.key(), c.after());
                    break;
                case DELETE:
                    if (out.remove(c.key()) == null) throw new IllegalStateException("delete of missing key " + c.key());
                    break;
                default:
                    Row cur = out.get(c.key());
                    if (cur == null) throw new IllegalStateException("update of missing key " + c.key());
                    TreeMap<String, Object> values = new TreeMap<>(cur.attributes());
                    for (AttributeChange a : c.attributes()) values.put(a.column(), a.newValue());
                    out.put(c.key(), new Row(cur.fid(), values, c.geometryChanged() ? c.after().geometry() : cur.geometry()));
            }
        }
        return out;
    }
}
