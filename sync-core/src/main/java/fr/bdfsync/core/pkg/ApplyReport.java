package fr.bdfsync.core.pkg;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * What an apply did (or would do, in a dry run): changes applied per layer and operation, changes rejected
 * per reason with the first few listed, where the output, backup and reject package went, and how long the
 * copy of the national file and the application itself took, and the application split by phase (milliseconds).
 */
@JsonPropertyOrder({"packageId", "dryRun", "output", "backup", "rejectPackage", "applied", "rejected", "rejectedSample",
        "copyMillis", "applyMillis", "phaseMillis"})
public record ApplyReport(String packageId, boolean dryRun, String output, String backup, String rejectPackage,
                          Map<String, Map<String, Long>> applied, Map<String, Long> rejected, List<String> rejectedSample,
                          long copyMillis, long applyMillis, Map<String, Long> phaseMillis) {
    public long appliedTotal() {
        return applied.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
    }

    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }
}
