package fr.bdfsync.core.inspect;

/** A catalogue attribute the source layer does not have. */
public record MissingAttribute(String attribute, boolean mandatory) {
}
