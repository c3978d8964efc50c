package fr.bdfsync.core.merge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.io.AtomicOutput;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes the lineage of a run ({@value #FORMAT}): {"format", "lineage": [{layer, kind, old, new, carried, reason}]}. */
public final class LineageJson {
    public static final String FORMAT = "bdfsync.lineage/v1";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LineageJson() {
    }

    public static void write(List<Lineage> lineage, Path target) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        ArrayNode arr = root.putArray("lineage");
        for (Lineage l : lineage) {
            ObjectNode o = arr.addObject();
            o.put("layer", l.layer());
            o.put("kind", l.kind().name().toLowerCase(Locale.ROOT));
            l.oldKeys().forEach(o.putArray("old")::add);
            l.newKeys().forEach(o.putArray("new")::add);
            o.put("carried", l.carried());
            if (l.reason() != null) o.put("reason", l.reason());
        }
        try (AtomicOutput out = AtomicOutput.begin(target)) {
            try {
                MAPPER.writeValue(out.temporary().toFile(), root);
            } catch (IOException e) {
                throw BdfsyncException.output(target, "cannot write: " + e.getMessage(), e);
            }
            out.commit();
        }
    }
}
