package fr.bdfsync.core.merge;

import java.util.Locale;
import java.util.Objects;

/**
 * Who is authoritative for an attribute: IGN (the national side), a labelled community (by id), or nobody
 * in particular ({@link Kind#SHARED}: conflicts go to QA). Written in JSON as {@code "ign"},
 * {@code "community:<id>"} or {@code "shared"}.
 */
public record Authority(Kind kind, String communityId) {
    public enum Kind { IGN, COMMUNITY, SHARED }

    public static final Authority IGN = new Authority(Kind.IGN, null);
    public static final Authority SHARED = new Authority(Kind.SHARED, null);

    public Authority {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.COMMUNITY && (communityId == null || communityId.isBlank())) {
            throw new IllegalArgumentException("a community authority needs an id");
        }
        if (kind != Kind.COMMUNITY) communityId = null;
    }

    public static Authority community(String id) {
        return new Authority(Kind.COMMUNITY, id);
    }

    /** Parses "ign", "shared" or "community:ID"; an IllegalArgumentException names what is wrong. */
    public static Authority parse(String text) {
        String t = text == null ? "" : text.trim();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.equals("ign")) return IGN;
        if (lower.equals("shared")) return SHARED;
        if (lower.startsWith("community:") && t.length() > "community:".length()) return community(t.substring("community:".length()));
        throw new IllegalArgumentException("authority '" + t + "' is not one of ign, shared, community:<id>");
    }

    /** The rule name written in resolutions: "authority:ign", "authority:community:ddt-35". */
    public String rule() {
        return "authority:" + code();
    }

    public String code() {
        return kind == Kind.COMMUNITY ? "community:" + communityId : kind.name().toLowerCase(Locale.ROOT);
    }
}
