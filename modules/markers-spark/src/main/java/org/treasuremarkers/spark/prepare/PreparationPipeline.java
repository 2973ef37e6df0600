package org.treasuremarkers.spark.prepare;

import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.treasuremarkers.spark.dropout.DatasetDropout;
import org.treasuremarkers.spark.dropout.SampleDropout;
import org.treasuremarkers.spark.format.Formatter;

/** Annotated examples -> training examples: dataset-level dropout, sample-level dropout, formatting. */
public final class PreparationPipeline {
  private PreparationPipeline() {}

  public static Pipeline build(DropoutConfig config) {
    DatasetDropout datasetDropout = new DatasetDropout()
        .setSeed(config.seed())
        .setRate(config.datasetRate())
        .setPerDatasetRates(config.datasetRateOverrides());
    SampleDropout sampleDropout = new SampleDropout()
        .setSeed(config.seed())
        .setRate(config.sampleRate())
        .setPerDatasetRates(config.sampleRateOverrides())
        .setProtectedMarkers(config.protectedMarkers().toArray(new String[0]))
        .setPromptExcludedMarkers(config.promptExcludedMarkers().toArray(new String[0]));
    return new Pipeline().setStages(new PipelineStage[] {datasetDropout, sampleDropout, new Formatter()});
  }
}
