package fr.bdfsync.core.match;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What earlier runs left for this one (read from the sync state): the stored links of each local feature with the
 * fingerprints both sides had when linked, and the user's decisions. Read-only: the attach asks it from several
 * threads at once (the local features are parsed on every core).
 */
public interface PriorLinks {
    /** A link as stored, with the fingerprints of both sides when it was made. */
    record Stored(Link link, String localFingerprint, String nationalFingerprint) {
    }

    enum Decision { CONFIRMED, REJECTED }

    /** Stored links of a local feature (empty when none). */
    List<Stored> storedFor(long localFid);

    /** National keys that stored links or decisions refer to: their fingerprints are taken while indexing. */
    Set<String> referencedNationalKeys();

    /** User decisions for a local feature: national key → decision. */
    Map<String, Decision> decisionsFor(long localFid);

    PriorLinks NONE = new PriorLinks() {
        @Override
        public List<Stored> storedFor(long localFid) {
            return List.of();
        }

        @Override
        public Set<String> referencedNationalKeys() {
            return Set.of();
        }

        @Override
        public Map<String, Decision> decisionsFor(long localFid) {
            return Map.of();
        }
    };
}
