package fr.bdfsync.core.match;

/** Cardinality of a link group, local side first. */
public enum Cardinality {
    ONE_TO_ONE("1:1"), ONE_TO_MANY("1:n"), MANY_TO_ONE("n:1"), NONE("0");

    private final String label;

    Cardinality(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Cardinality fromLabel(String s) {
        for (Cardinality c : values()) if (c.label.equals(s)) return c;
        throw new IllegalArgumentException("unknown cardinality " + s);
    }
}
