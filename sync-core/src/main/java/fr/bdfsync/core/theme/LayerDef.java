package fr.bdfsync.core.theme;

import fr.bdfsync.core.feature.GeometryType;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One layer of a theme: its name and aliases (upper-case Shapefile names, older-edition layer names of the same
 * concept), the 8-character cleabs prefix of its objects when confirmed, its geometry, key column, default
 * geometric tolerance in metres and the attribute holding each feature's own tolerance
 * ({@code precision_planimetrique}) when the layer has one.
 */
public record LayerDef(String name, List<String> aliases, String cleabsPrefix, GeometryType geometryType, boolean hasZ,
                       double toleranceMetres, String key, String toleranceAttribute, List<AttributeDef> attributes) {

    public LayerDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        attributes = List.copyOf(attributes);
        if (!(toleranceMetres > 0)) throw new IllegalArgumentException("layer " + name + ": tolerance must be > 0");
    }

    /** The attribute of this exact catalogue name. */
    public Optional<AttributeDef> attribute(String attributeName) {
        for (AttributeDef a : attributes) if (a.name().equals(attributeName)) return Optional.of(a);
        return Optional.empty();
    }

    /** The key attribute ({@code cleabs}). */
    public AttributeDef keyAttribute() {
        return attribute(key).orElseThrow(() -> new IllegalStateException("layer " + name + ": key " + key + " is not an attribute"));
    }

    /** The per-feature tolerance attribute, if this layer carries one. */
    public Optional<AttributeDef> toleranceAttributeDef() {
        return toleranceAttribute == null ? Optional.empty() : attribute(toleranceAttribute);
    }

    /** Ties a source column to an attribute: exact name first, then ignoring case, then aliases. */
    public Optional<AttributeMatch> resolve(String column) {
        for (AttributeDef a : attributes) if (a.name().equals(column)) return Optional.of(new AttributeMatch(a, MatchKind.EXACT));
        for (AttributeDef a : attributes) {
            if (a.name().equalsIgnoreCase(column)) return Optional.of(new AttributeMatch(a, MatchKind.CASE_INSENSITIVE));
        }
        for (AttributeDef a : attributes) {
            for (String alias : a.aliases()) {
                if (alias.equalsIgnoreCase(column)) return Optional.of(new AttributeMatch(a, MatchKind.ALIAS));
            }
        }
        return Optional.empty();
    }

    /** How a source layer name relates to this layer, if it does (prefix matches are the caller's concern). */
    public Optional<MatchKind> nameMatch(String sourceLayer) {
        if (name.equals(sourceLayer)) return Optional.of(MatchKind.EXACT);
        if (name.equalsIgnoreCase(sourceLayer)) return Optional.of(MatchKind.CASE_INSENSITIVE);
        for (String a : aliases) if (a.equalsIgnoreCase(sourceLayer)) return Optional.of(MatchKind.ALIAS);
        return Optional.empty();
    }
}
