package fr.bdfsync.core.pkg;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import fr.bdfsync.core.BdfsyncException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The label registry: the labelled communities, each with its public key and label
 * (docs/package-format.md, section 7).
 */
@JsonPropertyOrder({"format", "communities"})
public record LabelRegistry(String format, List<Community> communities) {
    public static final String FORMAT = "bdfsync-registry/1";

    public LabelRegistry {
        communities = communities == null ? List.of() : List.copyOf(communities);
    }

    @JsonPropertyOrder({"id", "name", "publicKey", "themes", "layers", "territory"})
    public record Community(String id, String name, String publicKey, List<String> themes,
                            Map<String, List<String>> layers, Label.Territory territory) {
        public Label label() {
            return new Label(id, name, themes, layers, territory);
        }
    }

    public Optional<Community> community(String id) {
        return communities.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public static LabelRegistry read(Path file) {
        if (!Files.isRegularFile(file)) throw BdfsyncException.notFound(file, "no such registry file");
        LabelRegistry r;
        try {
            r = PackageJson.MAPPER.readValue(Files.readAllBytes(file), LabelRegistry.class);
        } catch (IOException e) {
            throw BdfsyncException.invalid(file, null, null, "not a label registry: " + PackageJson.firstLine(e));
        }
        if (!FORMAT.equals(r.format())) {
            throw BdfsyncException.invalid(file, null, null, "unknown registry format '" + r.format() + "' (expected " + FORMAT + ")");
        }
        for (Community c : r.communities()) {
            if (c.id() == null || c.publicKey() == null) {
                throw BdfsyncException.invalid(file, null, null, "a community lacks its id or publicKey");
            }
            try {
                Ed25519.publicKey(c.publicKey());
                if (c.territory() != null && c.territory().polygon() != null) TerritoryShape.parse(c.territory().polygon());
            } catch (IllegalArgumentException e) {
                throw BdfsyncException.invalid(file, null, null, "community '" + c.id() + "': " + e.getMessage());
            }
        }
        return r;
    }

    public void write(Path file) {
        PackageJson.writeFile(file, PackageJson.bytes(this));
    }
}
