package fr.bdfsync.core.theme;

import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.Schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The themes bdfsync knows, read from JSON data files ({@code fr/bdfsync/theme/*.json} in this library).
 * Finds the catalogue layer of a source layer, and binds a source schema to it ({@link #bind}).
 */
public final class ThemeCatalog {
    /** The theme files bundled with the library. */
    static final List<String> BUNDLED = List.of("hydrographie.json", "vegetation.json");
    /** A layer recognised by its columns must have all the mandatory attributes and this share of all of them. */
    static final double SCHEMA_MATCH_SHARE = 0.75;

    private static volatile ThemeCatalog bundled;
    private final List<Theme> themes;

    public ThemeCatalog(List<Theme> themes) {
        this.themes = List.copyOf(themes);
    }

    /** The catalogue bundled in the library (hydrographie, vegetation), read once (a second caller waits for the first). */
    public static ThemeCatalog bundled() {
        ThemeCatalog c = bundled;
        return c != null ? c : readBundled();
    }

    private static synchronized ThemeCatalog readBundled() {
        ThemeCatalog c = bundled;
        if (c == null) {
            List<Theme> list = new ArrayList<>();
            for (String file : BUNDLED) {
                try (InputStream in = ThemeCatalog.class.getResourceAsStream("/fr/bdfsync/theme/" + file)) {
                    if (in == null) throw new IllegalStateException("theme file missing from the library: " + file);
                    list.add(ThemeFiles.read(in, file));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read theme file " + file + ": " + e.getMessage(), e);
                }
            }
            c = new ThemeCatalog(list);
            bundled = c;
        }
        return c;
    }

    /** Reads a theme file ({@code bdfsync.theme/v1}); an {@link IOException} says what is wrong in it. */
    public static Theme readTheme(InputStream in, String source) throws IOException {
        return ThemeFiles.read(in, source);
    }

    public List<Theme> themes() {
        return themes;
    }

    public Optional<Theme> theme(String name) {
        for (Theme t : themes) if (t.name().equalsIgnoreCase(name)) return Optional.of(t);
        return Optional.empty();
    }

    /**
     * The catalogue layer of a source layer name: exact name, then ignoring case, then aliases, then the longest
     * catalogue name the source name starts with followed by '_' ("troncon_hydrographique_corr_geom").
     */
    public Optional<LayerMatch> findLayer(String sourceLayer) {
        for (MatchKind wanted : List.of(MatchKind.EXACT, MatchKind.CASE_INSENSITIVE, MatchKind.ALIAS)) {
            for (Theme t : themes) {
                for (LayerDef l : t.layers()) {
                    if (l.nameMatch(sourceLayer).filter(k -> k == wanted).isPresent()) return Optional.of(new LayerMatch(t, l, wanted));
                }
            }
        }
        String lower = sourceLayer.toLowerCase(Locale.ROOT);
        LayerMatch best = null;
        for (Theme t : themes) {
            for (LayerDef l : t.layers()) {
                if (lower.startsWith(l.name() + "_") && (best == null || l.name().length() > best.layer().name().length())) {
                    best = new LayerMatch(t, l, MatchKind.NAME_PREFIX);
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The catalogue layer of a source layer, by its name ({@link #findLayer(String)}) or else by its columns: the
     * catalogue layer of the same geometry dimension whose mandatory attributes are all present and of which the
     * largest share (at least {@value #SCHEMA_MATCH_SHARE}) of attributes is present.
     */
    public Optional<LayerMatch> findLayer(Schema schema) {
        Optional<LayerMatch> byName = findLayer(schema.layer());
        if (byName.isPresent()) return byName;
        if (!schema.hasGeometry()) return Optional.empty();
        LayerMatch best = null;
        double bestShare = 0;
        for (Theme t : themes) {
            for (LayerDef l : t.layers()) {
                if (schema.geometryType().dimension() != l.geometryType().dimension()) continue;
                int found = 0;
                boolean mandatoryMissing = false;
                for (AttributeDef a : l.attributes()) {
                    boolean present = schema.fields().stream().map(Field::name).anyMatch(a::answersTo);
                    if (present) found++;
                    else if (a.mandatory()) mandatoryMissing = true;
                }
                double share = (double) found / l.attributes().size();
                if (!mandatoryMissing && share >= SCHEMA_MATCH_SHARE && share > bestShare) {
                    best = new LayerMatch(t, l, MatchKind.SCHEMA);
                    bestShare = share;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** Binds a source layer to its catalogue layer (or none: a generic layer); userKey may be null. */
    public LayerBinding bind(Schema schema, String userKey) {
        return LayerBinding.of(schema, findLayer(schema).orElse(null), userKey);
    }
}
