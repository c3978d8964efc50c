package fr.bdfsync.cli;

import fr.bdfsync.core.inspect.InspectReport;
import fr.bdfsync.core.inspect.KeyReport;
import fr.bdfsync.core.inspect.LayerReport;
import fr.bdfsync.core.inspect.MandatoryNulls;
import fr.bdfsync.core.inspect.MissingAttribute;
import fr.bdfsync.core.inspect.SourceReport;
import fr.bdfsync.core.inspect.ThemeMatchReport;
import fr.bdfsync.core.inspect.ValueIssue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders an {@link InspectReport} as indented text, one source after another. */
final class InspectText {
    private InspectText() {
    }

    static String render(InspectReport report) {
        StringBuilder sb = new StringBuilder();
        for (SourceReport s : report.sources()) {
            sb.append(s.path()).append("  [").append(s.format()).append(", ").append(String.join(", ", s.crs()))
                    .append("]  themes: ").append(s.themes().isEmpty() ? "none" : String.join(", ", s.themes())).append('\n');
            for (LayerReport l : s.layers()) layer(sb, l);
        }
        return sb.toString();
    }

    private static void layer(StringBuilder sb, LayerReport l) {
        sb.append("  ").append(l.name()).append(": ").append(l.featureCount()).append(" features");
        if (l.declaredGeometryType() != null) {
            sb.append(", ").append(l.declaredGeometryType()).append(" (found: ").append(found(l.geometryTypesFound())).append(')');
        } else {
            sb.append(", no geometry");
        }
        sb.append('\n');
        ThemeMatchReport m = l.match();
        if (m == null) {
            sb.append("    generic layer (not in the catalogue)\n");
        } else {
            sb.append("    ").append(m.theme()).append('/').append(m.layer()).append(" (matched by ")
                    .append(m.matchedBy().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).append(")");
            if (!m.geometryFits()) sb.append("; geometry does not fit the catalogue's ").append(m.expectedGeometryType());
            sb.append('\n');
            if (!l.aliasedColumns().isEmpty()) sb.append("    aliases: ").append(pairs(l.aliasedColumns())).append('\n');
            if (!l.unknownAttributes().isEmpty()) sb.append("    unknown attributes: ").append(String.join(", ", l.unknownAttributes())).append('\n');
            List<String> mand = new ArrayList<>();
            List<String> opt = new ArrayList<>();
            for (MissingAttribute a : l.missingAttributes()) (a.mandatory() ? mand : opt).add(a.attribute());
            if (!mand.isEmpty()) sb.append("    missing mandatory: ").append(String.join(", ", mand)).append('\n');
            if (!opt.isEmpty()) sb.append("    missing optional: ").append(String.join(", ", opt)).append('\n');
            for (MandatoryNulls n : l.mandatoryNulls()) {
                sb.append("    empty mandatory ").append(n.column()).append(": ").append(n.count()).append(" features\n");
            }
            for (ValueIssue v : l.valuesOutsideLists()) {
                sb.append("    ").append(v.column()).append(": ").append(v.count()).append(" values outside ").append(v.valueList())
                        .append(" (e.g. ").append(quoted(v.examples())).append(")\n");
            }
        }
        KeyReport k = l.key();
        sb.append("    key ").append(k.column()).append(" (").append(k.source().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).append("): ");
        if (!k.hasProblems()) {
            sb.append("no null or duplicate keys\n");
        } else {
            sb.append(k.nullKeys()).append(" null, ").append(k.duplicateKeys()).append(" duplicate");
            if (!k.duplicateExamples().isEmpty()) sb.append(" (e.g. ").append(String.join(", ", k.duplicateExamples())).append(')');
            if (k.otherPrefix() > 0) sb.append(", ").append(k.otherPrefix()).append(" not starting with ").append(k.expectedPrefix());
            sb.append('\n');
        }
    }

    private static String found(Map<String, Long> types) {
        if (types.isEmpty()) return "none";
        List<String> parts = new ArrayList<>();
        types.forEach((t, n) -> parts.add(t + " " + n));
        return String.join(", ", parts);
    }

    private static String pairs(Map<String, String> map) {
        List<String> parts = new ArrayList<>();
        map.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(", ", parts);
    }

    private static String quoted(List<String> values) {
        List<String> parts = new ArrayList<>();
        for (String v : values) parts.add('"' + v + '"');
        return String.join(", ", parts);
    }
}
