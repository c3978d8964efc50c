package fr.bdfsync.core.pkg;

import fr.bdfsync.core.BdfsyncException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 keys and signatures with the JDK's provider only. Private keys are PKCS#8 PEM, public keys
 * X.509 SubjectPublicKeyInfo PEM (or its bare base64 body, as the registry holds them).
 */
public final class Ed25519 {
    private static final String PRIVATE = "PRIVATE KEY";
    private static final String PUBLIC = "PUBLIC KEY";

    private Ed25519() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no Ed25519", e);
        }
    }

    /** Writes NAME.key (mode 600 where the file system allows) and NAME.pub. */
    public static void writeKeyPair(KeyPair kp, Path privateFile, Path publicFile) {
        write(privateFile, pem(PRIVATE, kp.getPrivate().getEncoded()), true);
        write(publicFile, pem(PUBLIC, kp.getPublic().getEncoded()), false);
    }

    private static void write(Path file, String text, boolean secret) {
        if (Files.exists(file)) throw BdfsyncException.output(file, "already exists; not overwriting a key", null);
        try {
            Files.writeString(file, text, StandardCharsets.US_ASCII);
            if (secret) {
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
            }
        } catch (IOException e) {
            throw BdfsyncException.output(file, "cannot write key: " + e.getMessage(), e);
        }
    }

    static String pem(String type, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----\n";
    }

    /** Reads NAME.key and its public key: {@code publicFile} when given, else NAME.pub beside it. */
    public static KeyPair readKeyPair(Path privateFile, Path publicFile) {
        Path pub = publicFile != null ? publicFile
                : privateFile.resolveSibling(privateFile.getFileName().toString().replaceFirst("\\.key$", "") + ".pub");
        return new KeyPair(readPublicKey(pub), readPrivateKey(privateFile));
    }

    public static PrivateKey readPrivateKey(Path file) {
        byte[] der = readPem(file, PRIVATE);
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw BdfsyncException.invalid(file, null, null, "not an Ed25519 private key: " + e.getMessage());
        }
    }

    public static PublicKey readPublicKey(Path file) {
        byte[] der = readPem(file, PUBLIC);
        try {
            return publicKey(Base64.getEncoder().encodeToString(der));
        } catch (IllegalArgumentException e) {
            throw BdfsyncException.invalid(file, null, null, e.getMessage());
        }
    }

    private static byte[] readPem(Path file, String type) {
        if (!Files.isRegularFile(file)) throw BdfsyncException.notFound(file, "no such key file");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw BdfsyncException.notFound(file, "cannot read key: " + e.getMessage());
        }
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        if (b < 0 || e < b) throw BdfsyncException.invalid(file, null, null, "not a PEM " + type.toLowerCase() + " file");
        try {
            return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
        } catch (IllegalArgumentException ex) {
            throw BdfsyncException.invalid(file, null, null, "PEM body is not base64");
        }
    }

    /** Parses a base64 SPKI public key; IllegalArgumentException when it is not an Ed25519 key. */
    public static PublicKey publicKey(String base64Spki) {
        try {
            byte[] der = Base64.getDecoder().decode(base64Spki.trim());
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a base64 Ed25519 public key (X.509 SubjectPublicKeyInfo)", e);
        }
    }

    public static String publicKeyBase64(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** First 16 bytes of the SHA-256 of the encoded public key, hex. */
    public static String keyId(PublicKey key) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(h, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs a message (the exact manifest bytes). */
    public static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    public static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
