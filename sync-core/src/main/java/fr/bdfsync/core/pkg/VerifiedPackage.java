package fr.bdfsync.core.pkg;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A package that passed verification: its manifest, the registry's label for its community (the one every
 * change is checked against), whether it is signed, the checks done, and the extracted changes file, which
 * lives in a scratch folder removed by {@link #close()}; {@code changesAudited} false when the changes themselves are still to
 * be checked (then by apply, {@link PackageVerifier#verifyAllButChanges}, and {@code counts} are the manifest's claims), and the time each verification phase took (milliseconds).
 */
public record VerifiedPackage(Path path, Manifest manifest, Label registryLabel, boolean signed, List<String> checks,
                              Map<String, Map<String, Long>> counts, Path changesFile, Path scratch,
                              boolean changesAudited, Map<String, Long> phaseMillis) implements AutoCloseable {
    @Override
    public void close() {
        PackageWriter.deleteTree(scratch);
    }
}
