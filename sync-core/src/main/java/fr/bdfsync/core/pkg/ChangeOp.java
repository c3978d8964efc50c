package fr.bdfsync.core.pkg;

import java.util.Locale;

/** What a change does to the national object; the order is the order of application for one key. */
public enum ChangeOp {
    DELETE, UPDATE, INSERT;

    private final String code = name().toLowerCase(Locale.ROOT);

    public String code() {
        return code;
    }

    /** Parses "insert", "update", "delete"; null for anything else. */
    public static ChangeOp parse(String code) {
        if (code == null) return null;
        for (ChangeOp op : values()) if (op.code().equals(code)) return op;
        return null;
    }
}
