package fr.bdfsync.core.diff;

/** The three-way class of one attribute of a feature changed on at least one side, with the three values. */
public record AttributeVerdict(String column, ThreeWayClass classification, Object ancestor, Object national, Object local) {
}
