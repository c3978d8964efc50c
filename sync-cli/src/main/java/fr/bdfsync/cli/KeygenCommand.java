package fr.bdfsync.cli;

import fr.bdfsync.core.pkg.Ed25519;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;

/** {@code bdfsync keygen --out NAME}: an Ed25519 key pair for signing packages. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = {"Generate an Ed25519 key pair for signing contribution packages.",
                "Writes NAME.key (private, PKCS#8 PEM, mode 600) and NAME.pub (public, X.509 PEM); prints the key id and",
                "the base64 public key to put in the label registry."})
final class KeygenCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "NAME", description = "Path prefix of the key files (NAME.key, NAME.pub).")
    Path out;

    @Override
    public Integer call() {
        KeyPair kp = Ed25519.generate();
        Path priv = out.resolveSibling(out.getFileName() + ".key");
        Path pub = out.resolveSibling(out.getFileName() + ".pub");
        Ed25519.writeKeyPair(kp, priv, pub);
        var w = spec.commandLine().getOut();
        w.println("private key: " + priv);
        w.println("public key:  " + pub);
        w.println("key id:      " + Ed25519.keyId(kp.getPublic()));
        w.println("registry publicKey: " + Ed25519.publicKeyBase64(kp.getPublic()));
        return 0;
    }
}
