package fr.bdfsync.core.merge;

/**
 * What a merge conflict is about, so its resolution can be applied: the object(s), and the compared
 * attribute (index in the {@link LayerAlignment}; {@link #GEOMETRY} for the geometry, {@link #WHOLE} for
 * the whole object).
 *
 * @param other the second object of an insert/insert conflict (the national creation), else null
 */
record Pending(FeatureMerge merge, int attribute, FeatureMerge other) {
    static final int GEOMETRY = -1;
    static final int WHOLE = -2;
}
