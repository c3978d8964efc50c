package fr.bdfsync.core.diff;

import java.util.List;
import java.util.Objects;

/**
 * The change of one feature, identified by its key: an insert (only {@code after}), a delete (only
 * {@code before}) or an update (both, with the attributes that changed and, when the geometry changed
 * beyond the tolerance, how much). Build them with {@link Changes}.
 */
public record FeatureChange(String key, Operation operation, Row before, Row after,
                            List<AttributeChange> attributes, GeometryChange geometry) {
    public FeatureChange {
        Objects.requireNonNull(key, "key");
        attributes = List.copyOf(attributes);
        if (operation != Operation.INSERT && before == null) throw new IllegalArgumentException(operation + " without before state");
        if (operation != Operation.DELETE && after == null) throw new IllegalArgumentException(operation + " without after state");
    }

    public boolean geometryChanged() {
        return geometry != null;
    }

    public FeatureChange inverse() {
        return new FeatureChange(key, operation.inverse(), after, before,
                attributes.stream().map(AttributeChange::inverse).toList(), geometry == null ? null : geometry.inverse());
    }

    /** Same key, operation, attribute changes and states (fids ignored: they are a file's numbering). */
    public boolean sameAs(FeatureChange o) {
        return key.equals(o.key) && operation == o.operation && attributes.equals(o.attributes)
                && (geometry == null) == (o.geometry == null)
                && (before == null ? o.before == null : before.sameContent(o.before))
                && (after == null ? o.after == null : after.sameContent(o.after));
    }
}
