package fr.bdfsync.core.diff;

/**
 * Thrown by the pure-Java scan when a layer must be read by SQL instead: something the reader does not handle was met
 * in a row (a real-valued key, a record shorter than its key column), or a key may be missing or repeated (the SQL scan
 * then reports the offending keys exactly). Never escapes {@link DiffEngine}.
 */
final class ScanFallback extends RuntimeException {
    ScanFallback(String reason) {
        super(reason, null, false, false);
    }
}
