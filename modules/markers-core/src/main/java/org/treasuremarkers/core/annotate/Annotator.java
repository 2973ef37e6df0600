package org.treasuremarkers.core.annotate;

import org.treasuremarkers.core.example.RawExample;

/**
 * Computes markers of one example from the example alone. Implementations are thread-safe and cheap to call;
 * heavy models are built once per JVM. An annotator that is unsure proposes nothing: a missing marker is
 * better than a wrong one.
 */
public interface Annotator {

  /** Proposes markers for {@code example}; markers already present in {@code markers} are kept. */
  void annotate(RawExample example, MarkerBuilder markers);
}
