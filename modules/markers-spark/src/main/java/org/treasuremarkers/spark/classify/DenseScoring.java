package org.treasuremarkers.spark.classify;

import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.DenseMatrix;
import org.apache.spark.ml.param.ParamMap;

/**
 * A fitted text pipeline whose logistic regression keeps its coefficients dense. Spark stores them
 * {@code compressed}, which for hashed text features is a sparse matrix (most hash buckets never occur in training),
 * and a sparse coefficient matrix times a sparse feature vector merges every class row's ~10^4 non-zeros with the
 * row's few features: the JFR profile of a 200k-row run spent 40% of writing the examples there. Dense, a row costs
 * classes x its features. Same coefficients, same predictions.
 */
final class DenseScoring {
  private DenseScoring() {}

  static PipelineModel of(PipelineModel model) {
    Transformer[] stages = model.stages().clone();
    boolean changed = false;
    for (int i = 0; i < stages.length; i++) {
      if (stages[i] instanceof LogisticRegressionModel lr && !(lr.coefficientMatrix() instanceof DenseMatrix)) {
        LogisticRegressionModel dense = new LogisticRegressionModel(lr.uid(), lr.coefficientMatrix().toDense(),
            lr.interceptVector().toDense(), lr.numClasses(),
            lr.coefficientMatrix().numRows() > 1); // multinomial: one row per class
        dense.setSummary(lr.trainingSummary()); // a freshly fitted model keeps its training summary
        stages[i] = lr.copyValues(dense, ParamMap.empty());
        changed = true;
      }
    }
    return changed ? new PipelineModel(model.uid(), stages) : model;
  }
}
