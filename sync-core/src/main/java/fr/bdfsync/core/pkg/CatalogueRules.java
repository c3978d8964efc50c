package fr.bdfsync.core.pkg;

import fr.bdfsync.core.theme.AttributeDef;
import fr.bdfsync.core.theme.AttributeMatch;
import fr.bdfsync.core.theme.LayerDef;
import fr.bdfsync.core.theme.LayerMatch;
import fr.bdfsync.core.theme.ThemeCatalog;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The theme catalogue's rules ({@link ThemeCatalog}) as package validation: a new value of an attribute with a
 * closed value list must be in the list, a boolean must read as one ({@link AttributeDef#accepts}), and a
 * mandatory attribute may not be emptied by an update nor left empty by an insert. Layers the catalogue does not
 * know, and attributes it does not describe, are not checked. Deletes are never refused here. The key attribute
 * is exempt (a local creation without an identifier carries a provisional key, docs/pkg.md).
 */
public final class CatalogueRules implements ChangeRules {
    private final ThemeCatalog catalog;
    private final Map<String, Optional<LayerDef>> layers = new ConcurrentHashMap<>();

    public CatalogueRules(ThemeCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Refusal check(PackageChange c) {
        if (c.op() == ChangeOp.DELETE) return null;
        LayerDef layer = layers.computeIfAbsent(c.layer(), l -> catalog.findLayer(l).map(LayerMatch::layer)).orElse(null);
        if (layer == null) return null;
        for (String name : c.changed()) {
            if (name.equals(Label.GEOMETRY)) continue;
            AttributeDef a = layer.resolve(name).map(AttributeMatch::attribute).orElse(null);
            if (a == null || a.name().equals(layer.key())) continue;
            Object v = c.values().get(name);
            if (v == null && a.mandatory()) {
                return new Refusal(Refusal.MANDATORY, "attribute '" + name + "' of layer '" + c.layer() + "' is mandatory ("
                        + layer.name() + "." + a.name() + ") and the change leaves it empty");
            }
            if (!a.accepts(v)) {
                String list = a.valueList() != null ? "value list '" + a.valueList().name() + "'" : "a boolean";
                return new Refusal(Refusal.VALUE_LIST, "attribute '" + name + "' of layer '" + c.layer() + "': '" + v + "' is not in " + list);
            }
        }
        return null;
    }
}
