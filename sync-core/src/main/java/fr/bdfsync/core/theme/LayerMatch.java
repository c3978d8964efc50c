package fr.bdfsync.core.theme;

/** A source layer recognised as a catalogue layer of a theme, and how it was recognised. */
public record LayerMatch(Theme theme, LayerDef layer, MatchKind kind) {
    /** "hydrographie/troncon_hydrographique". */
    public String qualifiedName() {
        return theme.name() + "/" + layer.name();
    }
}
