package org.treasuremarkers.model.train;

import org.deeplearning4j.nn.graph.ComputationGraph;

/** Fits one averaging round of an epoch's fixed example order: the single-JVM loop or Spark parameter averaging. */
public interface RoundSource extends AutoCloseable {
  /** Training examples (held-out ones excluded). */
  long trainingExamples();

  int roundsPerEpoch();

  /** Fits round {@code round} of {@code epoch} into {@code net} (updated in place). */
  RoundResult fitRound(ComputationGraph net, int epoch, int round);

  @Override
  default void close() {}
}
