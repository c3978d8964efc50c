package fr.bdfsync.cli;

import fr.bdfsync.core.pkg.LabelRegistry;
import fr.bdfsync.core.pkg.PackageLimits;
import fr.bdfsync.core.pkg.PackageVerifier;
import fr.bdfsync.core.pkg.VerifiedPackage;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** The package argument and the registry options that verify and apply share (use with {@code @Mixin}). */
final class PackageInput {
    @Parameters(index = "0", paramLabel = "PACKAGE", description = "The package (.zip).")
    Path pkg;
    @Option(names = "--registry", required = true, paramLabel = "FILE", description = "Label registry (JSON).")
    Path registry;
    @Option(names = "--allow-unsigned", description = "Accept an unsigned reject package.")
    boolean allowUnsigned;

    /** Reads the registry and verifies the package; the caller closes the result. */
    VerifiedPackage verify() {
        return PackageVerifier.verify(pkg, LabelRegistry.read(registry), PackageLimits.DEFAULT, allowUnsigned);
    }

    /** As {@link #verify()} but the changes themselves are checked by apply during its read of them. */
    VerifiedPackage verifyAllButChanges() {
        return PackageVerifier.verifyAllButChanges(pkg, LabelRegistry.read(registry), PackageLimits.DEFAULT, allowUnsigned);
    }
}
