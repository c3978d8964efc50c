package fr.bdfsync.core.inspect;

/** A mandatory attribute left empty in some features. */
public record MandatoryNulls(String column, String attribute, long count) {
}
