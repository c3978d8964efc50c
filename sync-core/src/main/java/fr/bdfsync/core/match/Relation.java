package fr.bdfsync.core.match;

/** How a local geometry relates to a national candidate. */
public enum Relation {
    /** Both describe the same object (same extent, up to noise). */
    SAME,
    /** The local feature covers only a part of the national one (split locally, or partly digitised). */
    LOCAL_PART_OF_NATIONAL,
    /** The national feature is a part of the local one (the local feature merges several national ones). */
    NATIONAL_PART_OF_LOCAL
}
