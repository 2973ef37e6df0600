package org.treasuremarkers.spark.prepare;

/**
 * What dropout did to a set of rows (one dataset, or all).
 *
 * @param rows                    examples
 * @param datasetDropoutRows      examples whose prompt shows no marker because of dataset-level dropout
 * @param sampleEligibleRows      examples past dataset-level dropout with at least one droppable marker (n > 0)
 * @param sampleDropoutRows       examples that lost at least one marker to sample-level dropout
 * @param sampleRemovedShareMean  mean over the eligible examples of k / n, the share of droppable markers removed
 * @param promptMarkersMean       mean number of markers left on the prompt side
 * @param markersMean             mean number of markers of an example (all shown on the completion side)
 */
public record DropoutFigures(long rows, long datasetDropoutRows, long sampleEligibleRows, long sampleDropoutRows,
                             double sampleRemovedShareMean, double promptMarkersMean, double markersMean) {
  public double datasetDropoutShare() {
    return rows == 0 ? 0 : (double) datasetDropoutRows / rows;
  }
}
