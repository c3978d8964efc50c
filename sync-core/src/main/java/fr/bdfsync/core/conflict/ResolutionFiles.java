package fr.bdfsync.core.conflict;

import fr.bdfsync.core.BdfsyncException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Adds decisions to a resolution file ({@value ConflictsJson#RESOLUTIONS_FORMAT}), as {@code bdfsync resolve}
 * and the HTML report's export do: each decision carries the content hash of the conflict as decided, so a
 * rerun flags it when the conflict changed. Everything is checked before anything is written: an id that
 * is not in the conflict set, or an existing resolution file naming ids that are not in it (a file from
 * another run), is refused with the file named; the file is then replaced atomically.
 */
public final class ResolutionFiles {
    private ResolutionFiles() {
    }

    /**
     * @param decisions every decision now in the file (earlier ones for other ids kept, in order)
     * @param added     decisions for ids that had none
     * @param replaced  decisions that replaced an earlier one for the same id
     * @param outcome   the conflict set with every decision of the file applied (what remains open)
     */
    public record Update(List<Decision> decisions, int added, int replaced, Decisions.Outcome outcome) {
        public Update {
            decisions = List.copyOf(decisions);
        }
    }

    /**
     * Applies a resolution file to a conflict set, refusing a file that names ids not in the set (a file from
     * another run) rather than ignoring them.
     */
    public static Decisions.Outcome apply(ConflictSet set, Path conflictsFile, Path resolutionsFile) {
        List<Decision> decisions = ConflictsJson.readDecisions(resolutionsFile);
        Map<String, Conflict> byId = new LinkedHashMap<>();
        for (Conflict c : set.conflicts()) byId.put(c.id(), c);
        requireKnownIds(byId, decisions, conflictsFile, resolutionsFile);
        return Decisions.apply(set, decisions);
    }

    private static void requireKnownIds(Map<String, Conflict> byId, List<Decision> decisions, Path conflictsFile, Path resolutionsFile) {
        List<String> foreign = new ArrayList<>();
        for (Decision d : decisions) if (!byId.containsKey(d.id())) foreign.add(d.id());
        if (!foreign.isEmpty()) {
            throw BdfsyncException.invalid(resolutionsFile, null, null, "names " + foreign.size() + " conflict id(s) that are not in "
                    + conflictsFile + " (" + String.join(", ", foreign.subList(0, Math.min(5, foreign.size())))
                    + (foreign.size() > 5 ? ", ..." : "") + "): is it from another run?");
        }
    }

    /** Decides {@code ids} of {@code set} (read from {@code conflictsFile}) with {@code choice}, in {@code resolutionsFile}. */
    public static Update decide(ConflictSet set, Path conflictsFile, Collection<String> ids, Choice choice, Path resolutionsFile) {
        Objects.requireNonNull(choice, "choice");
        if (choice == Choice.VALUES) throw BdfsyncException.usage("--with values needs explicit values: write them in the resolution file");
        if (ids.isEmpty()) throw BdfsyncException.usage("no conflict selected: give --id or filters that match at least one conflict");
        Map<String, Conflict> byId = new LinkedHashMap<>();
        for (Conflict c : set.conflicts()) byId.put(c.id(), c);
        List<String> unknown = new ArrayList<>();
        for (String id : ids) if (!byId.containsKey(id)) unknown.add(id);
        if (!unknown.isEmpty()) throw BdfsyncException.invalid(conflictsFile, null, null, "no conflict with id " + String.join(", ", unknown));

        Map<String, Decision> merged = new LinkedHashMap<>();
        if (Files.exists(resolutionsFile)) {
            List<Decision> existing = ConflictsJson.readDecisions(resolutionsFile);
            requireKnownIds(byId, existing, conflictsFile, resolutionsFile);
            for (Decision d : existing) merged.put(d.id(), d);
        }
        int added = 0, replaced = 0;
        for (String id : ids) {
            Conflict c = byId.get(id);
            Decision previous = merged.put(id, new Decision(id, choice, null, c.contentHash(), null));
            if (previous == null) added++;
            else replaced++;
        }
        List<Decision> all = new ArrayList<>(merged.values());
        ConflictsJson.writeDecisions(all, resolutionsFile);
        return new Update(all, added, replaced, Decisions.apply(set, all));
    }
}
