package org.treasuremarkers.spark.classify;

/**
 * Held-out figures of one class of one marker. A held-out row is "confident" when the model's top
 * probability reaches the threshold (else the model proposes nothing for it).
 *
 * @param trainingRows known rows of this class in the training split (0 when the class had too few); the model
 *     trains on a stable sample of at most about maxRowsPerClass of them
 * @param heldOutRows scored held-out rows whose known value is this class (every held-out row, unless the split
 *     holds more than maxRowsPerClass x classes rows: then a uniform sample by id hash of about that many)
 * @param confident of those, how many got a confident prediction
 * @param correct of those, how many were predicted as this class
 * @param predictedAs confident held-out predictions of this class, right or wrong
 * @param recall correct / heldOutRows: the held-out accuracy on this class
 * @param precision correct / predictedAs: how often a prediction of this class is right
 */
public record ClassEvaluation(String value, long trainingRows, long heldOutRows, long confident, long correct,
    long predictedAs, Double recall, Double precision) {

  static ClassEvaluation of(String value, long trainingRows, long heldOutRows, long confident, long correct,
      long predictedAs) {
    return new ClassEvaluation(value, trainingRows, heldOutRows, confident, correct, predictedAs,
        heldOutRows == 0 ? null : (double) correct / heldOutRows,
        predictedAs == 0 ? null : (double) correct / predictedAs);
  }
}
