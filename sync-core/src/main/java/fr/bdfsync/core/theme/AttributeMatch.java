package fr.bdfsync.core.theme;

/** A source column tied to a catalogue attribute, and how. */
public record AttributeMatch(AttributeDef attribute, MatchKind kind) {
}
