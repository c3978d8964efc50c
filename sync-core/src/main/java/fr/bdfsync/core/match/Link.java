package fr.bdfsync.core.match;

import java.util.Map;

/**
 * One row of the link table: a local feature and the national feature it describes. A 1:n link is one row per
 * national feature, an n:1 link one row per local feature; rows of one group share {@code group}. An unmatched
 * local feature has one row with {@code nationalKey} null and {@code nationalFid} -1.
 *
 * @param group  identifies the rows of one decision (the smallest local fid of the group, then the national key)
 * @param reason why the status is what it is when not obvious: "ambiguous", "contested", "reused",
 *               "user-confirmed", "partial coverage" (empty otherwise)
 */
public record Link(long localFid, long nationalFid, String nationalKey, Cardinality cardinality, double confidence,
                   String rule, LinkStatus status, String group, String reason, Map<String, Double> measures) {
    public Link {
        measures = Map.copyOf(measures);
    }

    public static Link unmatched(long localFid) {
        return new Link(localFid, -1, null, Cardinality.NONE, 0, "none", LinkStatus.UNMATCHED, "L" + localFid, "", Map.of());
    }

    /** The stable identifier users quote to confirm or reject: {@code <local fid>:<national key>}. */
    public String id() {
        return localFid + ":" + (nationalKey == null ? "" : nationalKey);
    }

    public Link withStatus(LinkStatus s, String why) {
        return new Link(localFid, nationalFid, nationalKey, cardinality, confidence, rule, s, group, why, measures);
    }

    public Link withReason(String why) {
        return new Link(localFid, nationalFid, nationalKey, cardinality, confidence, rule, status, group, why, measures);
    }
}
