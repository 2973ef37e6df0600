package org.treasuremarkers.model.generate;

/**
 * Keys and values of every layer for a batch of rows, each row [seqLen][dModel] (heads side by side in a position's
 * row). Row r's positions 0..length(r)-1 hold its tokens' keys and values; later positions may hold stale values,
 * which attention never reads (a query at position p reads positions 0..p only).
 */
final class KvCache {
  final float[][][] keys;
  final float[][][] values;

  KvCache(int layers, int rows, int seqLen, int dModel) {
    keys = new float[layers][rows][seqLen * dModel];
    values = new float[layers][rows][seqLen * dModel];
  }
}
