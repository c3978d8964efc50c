package fr.bdfsync.core.diff;

/** What happened to a feature between two states. */
public enum Operation {
    INSERT, DELETE, UPDATE;

    /** The operation that undoes this one. */
    public Operation inverse() {
        switch (this) {
            case INSERT: return DELETE;
            case DELETE: return INSERT;
            default: return UPDATE;
        }
    }
}
