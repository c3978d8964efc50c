package fr.bdfsync.core.merge;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.FieldType;
import fr.bdfsync.core.feature.Schema;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which local attribute is which national one, for one layer: the attributes compared by the merge
 * (present on both sides, by national name after the job's mapping; the key excluded), with their index
 * in the local, national and ancestor schemas. Local-only attributes are the producer's own and are never
 * compared. Two attributes of one name whose types cannot hold each other's values (text against number)
 * are refused, naming them: the job needs a mapping.
 */
public record LayerAlignment(String layer, String key, List<String> names, int[] local, int[] national, int[] ancestor,
                             int localKey, int nationalKey, int ancestorKey) {

    public static LayerAlignment of(SyncJob job, String layer, Path localFile, Schema localSchema, Schema nationalSchema, Schema ancestorSchema) {
        List<String> names = new ArrayList<>();
        List<int[]> idx = new ArrayList<>();
        List<String> incompatible = new ArrayList<>();
        int localKey = -1;
        for (int i = 0; i < localSchema.fields().size(); i++) {
            Field lf = localSchema.fields().get(i);
            String nname = job.nationalName(layer, lf.name());
            int n = nationalSchema.indexOfIgnoreCase(nname);
            if (nname.equalsIgnoreCase(job.key())) {
                localKey = i;
                continue;
            }
            if (n < 0) continue;
            if (!compatible(lf.type(), nationalSchema.fields().get(n).type())) {
                incompatible.add(lf.name() + " (" + lf.type() + " locally, " + nationalSchema.fields().get(n).type() + " nationally)");
                continue;
            }
            int a = ancestorSchema == null ? -1 : ancestorSchema.indexOfIgnoreCase(nationalSchema.fields().get(n).name());
            names.add(nationalSchema.fields().get(n).name());
            idx.add(new int[]{i, n, a});
        }
        if (!incompatible.isEmpty()) {
            throw BdfsyncException.schema(localFile, layer, "attributes incompatible with the national schema and no mapping for them: "
                    + String.join(", ", incompatible));
        }
        int nationalKey = nationalSchema.indexOfIgnoreCase(job.key());
        if (nationalKey < 0) throw BdfsyncException.schema(job.national(), layer, "no key column '" + job.key() + "'");
        if (localKey < 0) {
            throw BdfsyncException.schema(localFile, layer, "no attribute maps to the key '" + job.key() + "'; add it to the job's \"mapping\"");
        }
        int ancestorKey = ancestorSchema == null ? -1 : ancestorSchema.indexOfIgnoreCase(job.key());
        return new LayerAlignment(layer, job.key(), List.copyOf(names), idx.stream().mapToInt(x -> x[0]).toArray(),
                idx.stream().mapToInt(x -> x[1]).toArray(), idx.stream().mapToInt(x -> x[2]).toArray(), localKey, nationalKey, ancestorKey);
    }

    private static boolean compatible(FieldType a, FieldType b) {
        return numeric(a) == numeric(b) || a == FieldType.TEXT && b == FieldType.TEXT;
    }

    private static boolean numeric(FieldType t) {
        return t == FieldType.INTEGER || t == FieldType.REAL || t == FieldType.BOOLEAN;
    }

    public int size() {
        return names.size();
    }
}
