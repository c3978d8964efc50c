package fr.bdfsync.core.pkg;

/**
 * Theme rules a change must satisfy before it is packaged: value lists and mandatory attributes. The theme
 * catalogue ({@code fr.bdfsync.core.theme}) provides the real rules; {@link #NONE} checks nothing.
 */
@FunctionalInterface
public interface ChangeRules {
    ChangeRules NONE = change -> null;

    /** Null when the change is acceptable, else the refusal ({@link Refusal#VALUE_LIST}, {@link Refusal#MANDATORY}). */
    Refusal check(PackageChange change);
}
