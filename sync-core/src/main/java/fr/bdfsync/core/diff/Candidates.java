package fr.bdfsync.core.diff;

/**
 * What the first pass of a two-way diff leaves for the second: fids of the rows deleted (side A), inserted (side B),
 * of the pairs (same key) whose stored bytes differ, and the count of pairs found unchanged.
 */
record Candidates(long[] deleted, int nd, long[] inserted, int ni, long[] pairA, long[] pairB, int np, long unchanged) {
}
