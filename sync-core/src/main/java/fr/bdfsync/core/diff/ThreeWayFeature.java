package fr.bdfsync.core.diff;

import java.util.List;

/**
 * The three-way verdict on one feature changed on at least one side: its class, the national and local
 * changes from the ancestor (null when that side did not change it), the verdict per changed attribute,
 * and the class of its geometry ({@link ThreeWayClass#UNCHANGED} when neither side moved it).
 */
public record ThreeWayFeature(String key, ThreeWayClass classification, FeatureChange national, FeatureChange local,
                              List<AttributeVerdict> attributes, ThreeWayClass geometry) {
    public ThreeWayFeature {
        attributes = List.copyOf(attributes);
    }
}
