package org.treasuremarkers.model.train.executor;

import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingWorker;

/**
 * {@link ParameterAveragingTrainingMaster} whose workers set up their executor task first ({@link SetupWorker}:
 * GPU pinning, SameDiff's stdout lines). dl4j-spark gives no other hook that runs before a worker builds its
 * network: {@code TrainingHook}s only see minibatches after it exists. Build it with
 * {@code new SetupTrainingMaster(builder)} from a configured {@link ParameterAveragingTrainingMaster.Builder}.
 */
public final class SetupTrainingMaster extends ParameterAveragingTrainingMaster {
  public SetupTrainingMaster(ParameterAveragingTrainingMaster.Builder builder) {
    super(builder);
  }

  @Override
  public ParameterAveragingTrainingWorker getWorkerInstance(SparkComputationGraph graph) {
    return new SetupWorker(super.getWorkerInstance(graph));
  }

  @Override
  public ParameterAveragingTrainingWorker getWorkerInstance(SparkDl4jMultiLayer network) {
    return new SetupWorker(super.getWorkerInstance(network));
  }
}
