package fr.bdfsync.core.io;

import fr.bdfsync.core.feature.Feature;

import java.util.Iterator;

/** A forward-only stream of features that holds a resource (a statement, a file) until closed. */
public interface FeatureCursor extends Iterator<Feature>, AutoCloseable {
    @Override
    void close();
}
