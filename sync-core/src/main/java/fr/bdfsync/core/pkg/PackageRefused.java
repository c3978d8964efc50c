package fr.bdfsync.core.pkg;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.ExitCode;

import java.nio.file.Path;

/** Factory of the one error kind a package that fails verification gives (exit code 8). */
final class PackageRefused {
    private PackageRefused() {
    }

    static BdfsyncException of(Path pkg, String what) {
        return new BdfsyncException(ExitCode.VERIFICATION, BdfsyncException.where(pkg, null, null, "package refused: " + what));
    }

    static BdfsyncException of(Path pkg, String what, Throwable cause) {
        return new BdfsyncException(ExitCode.VERIFICATION, BdfsyncException.where(pkg, null, null, "package refused: " + what), cause);
    }
}
