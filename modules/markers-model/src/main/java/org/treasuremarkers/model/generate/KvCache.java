package org.treasuremarkers.model.generate;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keys and values of every layer for a batch of rows: [rows, heads, seqLen, headSize] each. Row r's slots
 * 0..length(r)-1 hold its tokens' keys and values; slots after that may hold stale values, which the attention mask
 * keeps out (a query at position p sees slots 0..p only).
 */
final class KvCache {
  private final INDArray[] keys;
  private final INDArray[] values;

  KvCache(int layers, int rows, int heads, int seqLen, int headSize, DataType type) {
    keys = new INDArray[layers];
    values = new INDArray[layers];
    for (int l = 0; l < layers; l++) {
      keys[l] = Nd4j.zeros(type, rows, heads, seqLen, headSize);
      values[l] = Nd4j.zeros(type, rows, heads, seqLen, headSize);
    }
  }

  /** Writes chunk row i ([heads, n, headSize]) of k and v at cache row rows[i], slots start[i]..start[i]+n-1. */
  void write(int layer, int[] rows, int[] start, INDArray k, INDArray v) {
    long n = k.size(2);
    for (int i = 0; i < rows.length; i++) {
      keys[layer].get(point(rows[i]), all(), interval(start[i], start[i] + n), all()).assign(k.get(point(i)));
      values[layer].get(point(rows[i]), all(), interval(start[i], start[i] + n), all()).assign(v.get(point(i)));
    }
  }

  /** Slots 0..length-1 of the given rows, contiguous: [rows.length, heads, length, headSize]. */
  INDArray keys(int layer, int[] rows, int length) {
    return gather(keys[layer], rows, length);
  }

  INDArray values(int layer, int[] rows, int length) {
    return gather(values[layer], rows, length);
  }

  private static INDArray gather(INDArray cache, int[] rows, int length) {
    if (isAll(rows, cache.size(0))) {
      return cache.get(all(), all(), interval(0, length), all()).dup('c');
    }
    INDArray out = Nd4j.create(cache.dataType(), rows.length, cache.size(1), length, cache.size(3));
    for (int i = 0; i < rows.length; i++) {
      out.get(point(i)).assign(cache.get(point(rows[i]), all(), interval(0, length), all()));
    }
    return out;
  }

  private static boolean isAll(int[] rows, long count) {
    if (rows.length != count) {
      return false;
    }
    for (int i = 0; i < rows.length; i++) {
      if (rows[i] != i) {
        return false;
      }
    }
    return true;
  }
}
