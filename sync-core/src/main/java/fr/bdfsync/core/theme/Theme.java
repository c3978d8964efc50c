package fr.bdfsync.core.theme;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A BD TOPO theme ("hydrographie", "vegetation"): its layers, value lists and national CRS. */
public record Theme(String name, String label, String edition, CrsPolicy crs, Map<String, ValueList> valueLists,
                    List<LayerDef> layers) {
    public Theme {
        Objects.requireNonNull(name, "name");
        valueLists = Map.copyOf(valueLists);
        layers = List.copyOf(layers);
    }

    /** The layer of this exact catalogue name. */
    public Optional<LayerDef> layer(String layerName) {
        for (LayerDef l : layers) if (l.name().equals(layerName)) return Optional.of(l);
        return Optional.empty();
    }
}
