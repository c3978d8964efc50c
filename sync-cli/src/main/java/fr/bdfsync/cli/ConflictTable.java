package fr.bdfsync.cli;

import fr.bdfsync.core.conflict.Conflict;

import java.io.PrintWriter;
import java.util.List;

/** Prints conflicts as an aligned text table, one line each. */
final class ConflictTable {
    private ConflictTable() {
    }

    static void print(List<Conflict> conflicts, PrintWriter out, int limit) {
        if (conflicts.isEmpty()) return;
        int typeW = 4, layerW = 5, keyW = 3, statusW = 6;
        for (Conflict c : conflicts) {
            typeW = Math.max(typeW, c.type().code().length());
            layerW = Math.max(layerW, c.layer().length());
            keyW = Math.max(keyW, String.join(",", c.keys()).length());
            statusW = Math.max(statusW, c.status().code().length());
        }
        String fmt = "%-17s  %-" + typeW + "s  %-8s  %-" + statusW + "s  %-" + layerW + "s  %-" + keyW + "s  %s%n";
        out.printf(fmt, "ID", "TYPE", "SEVERITY", "STATUS", "LAYER", "KEY", "MESSAGE");
        int n = 0;
        for (Conflict c : conflicts) {
            if (n++ == limit) {
                out.printf("... and %d more%n", conflicts.size() - limit);
                break;
            }
            out.printf(fmt, c.id(), c.type().code(), c.severity().code(), c.status().code(), c.layer(), String.join(",", c.keys()),
                    c.message() == null ? "" : c.message().replace('\n', ' '));
        }
    }
}
