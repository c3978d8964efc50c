package fr.bdfsync.core.merge;

import fr.bdfsync.core.conflict.Conflict;
import fr.bdfsync.core.conflict.ConflictStatus;
import fr.bdfsync.core.conflict.ConflictType;

import java.util.Locale;
import java.util.Map;

/** The human summary of a sync run (the CLI and the demo print it; the core only builds the text). */
public final class SyncSummary {
    private SyncSummary() {
    }

    public static String text(SyncJob job, SyncResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("sync ").append(job.name()).append(" (theme ").append(job.theme()).append(")");
        if (r.dryRun()) sb.append(" [dry run: nothing written]");
        sb.append('\n');
        if (r.twoWay()) sb.append("no ancestor (no sync state, no \"ancestor\" in the job): two-way run; differences are settled by the authority matrix or reported\n");
        for (SyncResult.LayerSummary l : r.layers()) {
            sb.append(String.format(Locale.ROOT, "  %-24s local %d, national %d: %d national changes taken, %d changes to contribute, %d conflicts%n",
                    l.layer(), l.localFeatures(), l.nationalFeatures(), l.nationalTaken(), l.contributed(), l.conflicts()));
        }
        long byAuthority = r.conflicts().conflicts().stream().filter(c -> c.status() == ConflictStatus.RESOLVED_BY_AUTHORITY).count();
        long byDecision = r.conflicts().conflicts().stream().filter(c -> c.status() == ConflictStatus.RESOLVED_BY_DECISION).count();
        sb.append(String.format(Locale.ROOT, "conflicts: %d total, %d open, %d resolved by authority, %d resolved by decision%n",
                r.conflicts().conflicts().size(), r.conflicts().openCount(), byAuthority, byDecision));
        for (Map.Entry<ConflictType, Long> e : r.conflicts().countByType().entrySet()) {
            sb.append(String.format(Locale.ROOT, "  %-20s %d%n", e.getKey().code(), e.getValue()));
        }
        for (Conflict c : r.conflicts().conflicts()) {
            if (c.isOpen()) sb.append("  open ").append(c.id()).append(' ').append(c.type().code()).append(' ').append(c.layer()).append(' ')
                    .append(String.join(",", c.keys())).append(": ").append(c.message()).append('\n');
        }
        if (r.decisionsOutdated() > 0) sb.append(r.decisionsOutdated()).append(" decision(s) outdated: the conflict changed since (status decision_outdated)\n");
        if (!r.unknownDecisionIds().isEmpty()) {
            sb.append("decisions for conflicts that no longer exist: ").append(String.join(", ", r.unknownDecisionIds())).append('\n');
        }
        for (Lineage l : r.lineage()) {
            sb.append("  lineage ").append(l.layer()).append(": ").append(l.kind().name().toLowerCase(Locale.ROOT)).append(' ')
                    .append(String.join(",", l.oldKeys())).append(" -> ").append(String.join(",", l.newKeys()))
                    .append(l.carried() ? " (local overlay carried over)" : " (not carried: " + l.reason() + ")").append('\n');
        }
        for (String n : r.notes()) sb.append(n).append('\n');
        for (var p : r.written()) sb.append("wrote ").append(p).append('\n');
        return sb.toString();
    }
}
