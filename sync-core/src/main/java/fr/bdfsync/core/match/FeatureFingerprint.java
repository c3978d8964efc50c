package fr.bdfsync.core.match;

import fr.bdfsync.core.feature.Feature;

/**
 * A fingerprint of a feature's attributes and geometry: equal fingerprints mean the link computed from them is
 * still valid. Kept behind this interface so that it can be unified with the diff's {@code feature.Fingerprint}.
 */
public interface FeatureFingerprint {
    String of(Feature feature);
}
