package org.treasuremarkers.model.train.executor;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.TrainingHook;
import org.deeplearning4j.spark.api.WorkerConfiguration;
import org.deeplearning4j.spark.api.stats.SparkTrainingStats;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingResult;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingWorker;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.treasuremarkers.model.nn.SameDiffStdoutFilter;

/**
 * dl4j-spark's parameter-averaging worker with our executor set-up first: {@code getInitialModel*} is the first
 * thing each training task does (dl4j-spark's partition functions call it before the first minibatch, on the task
 * thread), so it is where the task's GPU is pinned ({@link TaskDevice}) and SameDiff's stdout lines are filtered
 * ({@link SameDiffStdoutFilter}). Everything else is the wrapped worker's; the superclass state is unused.
 */
final class SetupWorker extends ParameterAveragingTrainingWorker {
  private final ParameterAveragingTrainingWorker worker;

  SetupWorker(ParameterAveragingTrainingWorker worker) {
    super(null, false, null, null, null, null);
    this.worker = worker;
  }

  /** Runs on the executor, in the task, before the worker's network exists. */
  static void setUpTask() {
    SameDiffStdoutFilter.install();
    TaskDevice.pin();
  }

  @Override
  public ComputationGraph getInitialModelGraph() {
    setUpTask();
    return worker.getInitialModelGraph();
  }

  @Override
  public MultiLayerNetwork getInitialModel() {
    setUpTask();
    return worker.getInitialModel();
  }

  @Override
  public void removeHook(TrainingHook hook) {
    worker.removeHook(hook);
  }

  @Override
  public void addHook(TrainingHook hook) {
    worker.addHook(hook);
  }

  @Override
  public ParameterAveragingTrainingResult processMinibatch(DataSet data, MultiLayerNetwork net, boolean isLast) {
    return worker.processMinibatch(data, net, isLast);
  }

  @Override
  public ParameterAveragingTrainingResult processMinibatch(DataSet data, ComputationGraph graph, boolean isLast) {
    return worker.processMinibatch(data, graph, isLast);
  }

  @Override
  public ParameterAveragingTrainingResult processMinibatch(MultiDataSet data, ComputationGraph graph, boolean isLast) {
    return worker.processMinibatch(data, graph, isLast);
  }

  @Override
  public Pair<ParameterAveragingTrainingResult, SparkTrainingStats> processMinibatchWithStats(DataSet data,
      MultiLayerNetwork net, boolean isLast) {
    return worker.processMinibatchWithStats(data, net, isLast);
  }

  @Override
  public Pair<ParameterAveragingTrainingResult, SparkTrainingStats> processMinibatchWithStats(DataSet data,
      ComputationGraph graph, boolean isLast) {
    return worker.processMinibatchWithStats(data, graph, isLast);
  }

  @Override
  public Pair<ParameterAveragingTrainingResult, SparkTrainingStats> processMinibatchWithStats(MultiDataSet data,
      ComputationGraph graph, boolean isLast) {
    return worker.processMinibatchWithStats(data, graph, isLast);
  }

  @Override
  public ParameterAveragingTrainingResult getFinalResult(MultiLayerNetwork net) {
    return worker.getFinalResult(net);
  }

  @Override
  public ParameterAveragingTrainingResult getFinalResult(ComputationGraph graph) {
    return worker.getFinalResult(graph);
  }

  @Override
  public ParameterAveragingTrainingResult getFinalResultNoData() {
    return worker.getFinalResultNoData();
  }

  @Override
  public Pair<ParameterAveragingTrainingResult, SparkTrainingStats> getFinalResultNoDataWithStats() {
    return worker.getFinalResultNoDataWithStats();
  }

  @Override
  public Pair<ParameterAveragingTrainingResult, SparkTrainingStats> getFinalResultWithStats(MultiLayerNetwork net) {
    return worker.getFinalResultWithStats(net);
  }

  @Override
  public Pair<ParameterAveragingTrainingResult, SparkTrainingStats> getFinalResultWithStats(ComputationGraph graph) {
    return worker.getFinalResultWithStats(graph);
  }

  @Override
  public WorkerConfiguration getDataConfiguration() {
    return worker.getDataConfiguration();
  }

  @Override
  public long getInstanceId() {
    return worker.getInstanceId();
  }
}
