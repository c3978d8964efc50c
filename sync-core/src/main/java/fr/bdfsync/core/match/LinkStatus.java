package fr.bdfsync.core.match;

import java.util.Locale;

/** Whether a link can be used as is, must be checked by a person, or there is no match. */
public enum LinkStatus {
    SURE, UNCERTAIN, UNMATCHED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LinkStatus fromLabel(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
