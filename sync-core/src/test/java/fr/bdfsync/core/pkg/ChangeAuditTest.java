package fr.bdfsync.core.pkg;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Audits of single layers joined in layer order (verify reads the layers at once) say what one audit of them all says. */
class ChangeAuditTest {
    private static final Path PKG = Path.of("p.zip");
    private static final Label LABEL = new Label("c1", "C1", List.of(), Map.of("a", List.of("nature"), "b", List.of("nature")), null);

    private static List<PackageChange> changes(String layer, int inside, int outside) {
        List<PackageChange> out = new ArrayList<>();
        for (int i = 0; i < inside + outside; i++) {
            String attribute = i < inside ? "nature" : "importance";
            out.add(new PackageChange(layer, ChangeOp.UPDATE, layer + i, "fp", new TreeSet<>(List.of(attribute)), Map.of(attribute, "x"),
                    null, null, null));
        }
        return out;
    }

    private static String refusal(ChangeAudit audit) {
        return assertThrows(fr.bdfsync.core.BdfsyncException.class, () -> audit.finish(List.of(), null)).getMessage();
    }

    @Test
    void joinedAuditsListTheSameFirstChangesAndCount() {
        for (int[] split : new int[][]{{3, 4}, {0, 7}, {6, 1}, {2, 0}}) {
            List<PackageChange> a = changes("a", 5, split[0]);
            List<PackageChange> b = changes("b", 5, split[1]);
            ChangeAudit one = new ChangeAudit(PKG, new ScopeCheck(LABEL));
            a.forEach(one::add);
            b.forEach(one::add);
            ChangeAudit first = new ChangeAudit(PKG, new ScopeCheck(LABEL));
            a.forEach(first::add);
            ChangeAudit second = new ChangeAudit(PKG, new ScopeCheck(LABEL));
            b.forEach(second::add);
            ChangeAudit joined = new ChangeAudit(PKG, null);
            joined.absorb(first);
            joined.absorb(second);
            assertEquals(refusal(one), refusal(joined));
        }
    }

    @Test
    void aLayerAuditedTwiceIsAnError() {
        ChangeAudit first = new ChangeAudit(PKG, new ScopeCheck(LABEL));
        changes("a", 1, 0).forEach(first::add);
        ChangeAudit joined = new ChangeAudit(PKG, null);
        joined.absorb(first);
        assertThrows(IllegalArgumentException.class, () -> joined.absorb(first));
    }
}
