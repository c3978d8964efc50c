package fr.bdfsync.core.inspect;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.feature.WkbTypeCode;
import fr.bdfsync.core.io.Dataset;
import fr.bdfsync.core.io.Datasets;
import fr.bdfsync.core.io.FeatureCursor;
import fr.bdfsync.core.io.gpkg.GpkgGeometry;
import fr.bdfsync.core.theme.AttributeDef;
import fr.bdfsync.core.theme.ColumnBinding;
import fr.bdfsync.core.theme.KeyColumn;
import fr.bdfsync.core.theme.LayerBinding;
import fr.bdfsync.core.theme.LayerDef;
import fr.bdfsync.core.theme.LayerMatch;
import fr.bdfsync.core.theme.MatchKind;
import fr.bdfsync.core.theme.ThemeCatalog;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds {@link InspectReport}s: opens each source, binds each layer to the catalogue and streams its features
 * once, counting geometry types (from the WKB header only), values outside the lists, empty mandatory attributes
 * and null or duplicate keys. Memory: the set of keys of one layer, nothing else grows with the data.
 */
public final class Inspector {
    /** Distinct examples kept per problem. */
    static final int EXAMPLES = 5;

    private final ThemeCatalog catalog;

    public Inspector(ThemeCatalog catalog) {
        this.catalog = catalog;
    }

    /** Inspects every path in order; userKey (may be null) keys the layers the catalogue does not describe. */
    public InspectReport inspect(List<Path> paths, String userKey) {
        List<SourceReport> sources = new ArrayList<>();
        for (Path p : paths) {
            try (Dataset ds = Datasets.open(p)) {
                sources.add(inspect(ds, userKey));
            }
        }
        return new InspectReport(sources);
    }

    public SourceReport inspect(Dataset ds, String userKey) {
        List<LayerReport> layers = new ArrayList<>();
        List<String> crs = new ArrayList<>();
        List<String> themes = new ArrayList<>();
        for (String name : ds.layerNames()) {
            LayerReport r = inspectLayer(ds, name, userKey);
            layers.add(r);
            crs.add(r.crs());
            if (r.match() != null) themes.add(r.match().theme());
        }
        return new SourceReport(ds.path().toString(), ds.format(), SourceReport.distinct(crs), SourceReport.distinct(themes), layers);
    }

    public LayerReport inspectLayer(Dataset ds, String layer, String userKey) {
        Schema schema = ds.schema(layer);
        LayerBinding binding = catalog.bind(schema, userKey);
        LayerScan scan = new LayerScan(binding);
        long count = 0;
        try (FeatureCursor c = ds.read(layer)) {
            while (c.hasNext()) {
                Feature f = c.next();
                try {
                    scan.accept(f);
                } catch (IllegalArgumentException e) {
                    throw BdfsyncException.invalid(ds.path(), layer, "fid " + f.fid(), e.getMessage(), e);
                }
                count++;
            }
        }
        String crs = schema.crs() == null ? null : schema.crs().label();
        String declared = schema.hasGeometry()
                ? new WkbTypeCode(schema.geometryType(), schema.hasZ(), schema.hasM()).label() : null;
        return new LayerReport(layer, count, crs, declared, scan.geometryTypes, matchReport(binding), aliased(binding),
                binding.unknownColumns(), missing(binding), scan.mandatoryNulls(), scan.valueIssues(), scan.keyReport());
    }

    private static ThemeMatchReport matchReport(LayerBinding b) {
        if (b.isGeneric()) return null;
        LayerMatch m = b.match().orElseThrow();
        LayerDef def = m.layer();
        Schema s = b.schema();
        boolean fits = s.hasGeometry() && s.geometryType().dimension() == def.geometryType().dimension();
        String expected = new WkbTypeCode(def.geometryType(), def.hasZ(), false).label();
        return new ThemeMatchReport(m.theme().name(), def.name(), m.kind().name(), expected, fits);
    }

    /** Source columns known by an alias of the catalogue name: source name → catalogue name. */
    private static Map<String, String> aliased(LayerBinding b) {
        Map<String, String> out = new TreeMap<>();
        for (ColumnBinding c : b.columns()) {
            if (c.isKnown() && c.match().kind() == MatchKind.ALIAS) out.put(c.field().name(), c.match().attribute().name());
        }
        return out;
    }

    private static List<MissingAttribute> missing(LayerBinding b) {
        List<MissingAttribute> out = new ArrayList<>();
        for (AttributeDef a : b.missingAttributes()) out.add(new MissingAttribute(a.name(), a.mandatory()));
        return out;
    }

    /** The per-feature counters of one layer. */
    private static final class LayerScan {
        private final LayerBinding binding;
        private final Map<String, Long> geometryTypes = new TreeMap<>();
        private final List<ColumnBinding> checked = new ArrayList<>();
        private final Map<Integer, long[]> outside = new LinkedHashMap<>();
        private final Map<Integer, List<String>> outsideExamples = new LinkedHashMap<>();
        private final List<ColumnBinding> mandatory = new ArrayList<>();
        private final Map<Integer, long[]> nulls = new LinkedHashMap<>();
        private final Set<Object> keys = new HashSet<>();
        private final List<String> duplicateExamples = new ArrayList<>();
        private final String prefix;
        private long nullKeys;
        private long duplicateKeys;
        private long otherPrefix;

        LayerScan(LayerBinding binding) {
            this.binding = binding;
            for (ColumnBinding c : binding.columns()) {
                if (!c.isKnown()) continue;
                if (c.match().attribute().isChecked()) {
                    checked.add(c);
                    outside.put(c.index(), new long[1]);
                    outsideExamples.put(c.index(), new ArrayList<>());
                }
                if (c.match().attribute().mandatory()) {
                    mandatory.add(c);
                    nulls.put(c.index(), new long[1]);
                }
            }
            this.prefix = binding.key().source() == KeyColumn.Source.CATALOGUE
                    ? binding.match().orElseThrow().layer().cleabsPrefix() : null;
        }

        void accept(Feature f) {
            countGeometry(f.geometry());
            for (ColumnBinding c : checked) {
                Object v = f.value(c.index());
                if (!c.match().attribute().accepts(v)) {
                    outside.get(c.index())[0]++;
                    List<String> ex = outsideExamples.get(c.index());
                    String s = v.toString();
                    if (ex.size() < EXAMPLES && !ex.contains(s)) ex.add(s);
                }
            }
            for (ColumnBinding c : mandatory) {
                Object v = f.value(c.index());
                if (v == null || v.toString().isEmpty()) nulls.get(c.index())[0]++;
            }
            Object key = binding.keyOf(f);
            if (key == null) {
                nullKeys++;
            } else {
                if (key instanceof byte[]) key = new String((byte[]) key, StandardCharsets.ISO_8859_1);
                if (!keys.add(key)) {
                    duplicateKeys++;
                    String s = key.toString();
                    if (duplicateExamples.size() < EXAMPLES && !duplicateExamples.contains(s)) duplicateExamples.add(s);
                }
                if (prefix != null && !key.toString().startsWith(prefix)) otherPrefix++;
            }
        }

        private void countGeometry(GeometryValue g) {
            String label;
            if (g == null) label = "null";
            else if (g.wkbOffset() > 0 && GpkgGeometry.isEmptyFlag(g.storedBytes())) label = "empty";
            else label = WkbTypeCode.of(g).label();
            geometryTypes.merge(label, 1L, Long::sum);
        }

        List<ValueIssue> valueIssues() {
            List<ValueIssue> out = new ArrayList<>();
            for (ColumnBinding c : checked) {
                long n = outside.get(c.index())[0];
                if (n == 0) continue;
                AttributeDef a = c.match().attribute();
                String list = a.valueList() != null ? a.valueList().name() : a.type().name().toLowerCase(Locale.ROOT);
                out.add(new ValueIssue(c.field().name(), a.name(), list, n, outsideExamples.get(c.index())));
            }
            return out;
        }

        List<MandatoryNulls> mandatoryNulls() {
            List<MandatoryNulls> out = new ArrayList<>();
            for (ColumnBinding c : mandatory) {
                long n = nulls.get(c.index())[0];
                if (n > 0) out.add(new MandatoryNulls(c.field().name(), c.match().attribute().name(), n));
            }
            return out;
        }

        KeyReport keyReport() {
            KeyColumn k = binding.key();
            return new KeyReport(k.label(), k.source().name(), nullKeys, duplicateKeys, duplicateExamples, prefix, otherPrefix);
        }
    }
}
