package fr.bdfsync.core.match;

/** A scored (local, national) pair. */
public record Candidate(long localFid, long nationalFid, String nationalKey, PairScore score) {
    public double confidence() {
        return score.confidence();
    }

    public Relation relation() {
        return score.relation();
    }
}
