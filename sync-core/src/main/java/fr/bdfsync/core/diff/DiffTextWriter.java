package fr.bdfsync.core.diff;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Text for people, in the spirit of {@code kart diff}: a header saying which mode ran, then per layer the
 * counts and the changes ({@code +} insert, {@code -} delete, {@code ~} update with old → new values and how
 * far the geometry moved; three-way lines carry the class). Layers are written as they are computed.
 */
public final class DiffTextWriter {
    private final PrintWriter out;
    private final boolean details;

    public DiffTextWriter(PrintWriter out, boolean details) {
        this.out = out;
        this.details = details;
    }

    public void header(String mode, String a, String b, String ancestor) {
        if (ancestor == null) {
            out.println("two-way diff (no ancestor): " + a + " -> " + b);
        } else {
            out.println("three-way diff: ancestor " + ancestor + ", national " + a + ", local " + b);
        }
    }

    public void layer(LayerDiff d) {
        out.println();
        out.printf(Locale.ROOT, "%s (key %s, tolerance %s): %d inserted, %d deleted, %d updated (%d attributes, %d geometry), %d unchanged, %d geometry differences absorbed by tolerance%n",
                d.layer(), d.keyColumn(), fmt(d.xyTolerance()), d.count(Operation.INSERT), d.count(Operation.DELETE), d.count(Operation.UPDATE),
                d.attributeUpdates(), d.geometryUpdates(), d.unchanged(), d.absorbedByTolerance());
        for (SchemaChange s : d.schemaChanges()) out.println("  schema: " + s.describe());
        if (!details) return;
        for (FeatureChange c : d.changes()) out.println("  " + line(c));
    }

    public void layer(ThreeWayLayer t) {
        out.println();
        Map<ThreeWayClass, Long> counts = t.counts();
        String cs = counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label()).collect(Collectors.joining(", "));
        out.printf(Locale.ROOT, "%s (key %s, tolerance %s): %s%s%d unchanged%n", t.layer(), t.national().keyColumn(), fmt(t.national().xyTolerance()),
                cs, cs.isEmpty() ? "" : ", ", t.unchanged());
        out.printf(Locale.ROOT, "  national: %d inserted, %d deleted, %d updated; local: %d inserted, %d deleted, %d updated; geometry differences absorbed by tolerance: %d national, %d local%n",
                t.national().count(Operation.INSERT), t.national().count(Operation.DELETE), t.national().count(Operation.UPDATE),
                t.local().count(Operation.INSERT), t.local().count(Operation.DELETE), t.local().count(Operation.UPDATE),
                t.national().absorbedByTolerance(), t.local().absorbedByTolerance());
        for (SchemaChange s : t.national().schemaChanges()) out.println("  schema (national): " + s.describe());
        for (SchemaChange s : t.local().schemaChanges()) out.println("  schema (local): " + s.describe());
        if (!details) return;
        for (ThreeWayFeature f : t.features()) {
            StringBuilder sb = new StringBuilder("  ").append(f.classification().label()).append(' ').append(f.key()).append(':');
            sb.append(" national ").append(op(f.national())).append(", local ").append(op(f.local()));
            for (AttributeVerdict v : f.attributes()) {
                sb.append("; ").append(v.column()).append(' ').append(v.classification().label()).append(" [ancestor ").append(value(v.ancestor()))
                        .append(", national ").append(value(v.national())).append(", local ").append(value(v.local())).append(']');
            }
            if (f.geometry() != ThreeWayClass.UNCHANGED) sb.append("; geometry ").append(f.geometry().label());
            out.println(sb);
        }
    }

    private static String op(FeatureChange c) {
        return c == null ? "unchanged" : c.operation().name().toLowerCase(Locale.ROOT);
    }

    static String line(FeatureChange c) {
        switch (c.operation()) {
            case INSERT: return "+ " + c.key();
            case DELETE: return "- " + c.key();
            default:
                StringBuilder sb = new StringBuilder("~ ").append(c.key()).append(':');
                String sep = " ";
                for (AttributeChange a : c.attributes()) {
                    sb.append(sep).append(a.column()).append(' ').append(value(a.oldValue())).append(" -> ").append(value(a.newValue()));
                    sep = "; ";
                }
                if (c.geometryChanged()) {
                    GeometryChange g = c.geometry();
                    sb.append(sep).append(String.format(Locale.ROOT, "geometry moved (hausdorff %s, area %+.3f, length %+.3f%s)",
                            fmt(g.hausdorff()), g.areaDelta(), g.lengthDelta(), g.maxDz() > 0 ? ", max dz " + fmt(g.maxDz()) : ""));
                }
                return sb.toString();
        }
    }

    static String value(Object v) {
        if (v == null) return "NULL";
        if (v instanceof String) return "'" + v + "'";
        if (v instanceof byte[]) return "<" + ((byte[]) v).length + " bytes>";
        return v.toString();
    }

    static String fmt(double d) {
        if (Double.isNaN(d)) return "n/a";
        return new java.math.BigDecimal(d).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    public void flush() {
        out.flush();
    }
}
