package fr.bdfsync.core.pkg;

import fr.bdfsync.core.feature.Schema;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a package is built from: the label, the signing key pair, the creation time, the national
 * edition, key column, schemas and the base layers' row counts and digests (null digest when not computed), the changes (with their location for the territory
 * check), lineage, the optional QA conflicts JSON and the theme rules.
 */
public record BuildRequest(Label label, PrivateKey privateKey, PublicKey publicKey, Instant created, String edition,
                           String keyColumn, Map<String, Schema> nationalSchemas, Map<String, Manifest.BaseLayer> baseLayers,
                           List<PackageChange> changes, List<Lineage> lineage, byte[] qaConflicts, long openConflicts,
                           ChangeRules rules) {
}
