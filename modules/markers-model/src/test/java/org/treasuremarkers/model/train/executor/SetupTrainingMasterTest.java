package org.treasuremarkers.model.train.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.PrintStream;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingWorker;
import org.junit.jupiter.api.Test;
import org.treasuremarkers.model.config.TrainConfig;
import org.treasuremarkers.model.nn.SameDiffStdoutFilter;
import org.treasuremarkers.model.nn.TransformerFactory;
import org.treasuremarkers.model.train.SparkRounds;

/** The worker dl4j-spark ships to the tasks sets the task up before it builds the network, inside the task. */
class SetupTrainingMasterTest {
  @Test
  void workersSetUpTheirTaskBeforeBuildingTheNetwork() {
    TrainConfig config = TrainConfig.loadDefault().with("""
        {"model": {"d_model": 16, "layers": 1, "heads": 2, "mlp_ratio": 2, "seq_len": 16, "seed": 5}}""");
    ComputationGraph net = TransformerFactory.build(config.model(), config.training(), 300);
    PrintStream original = System.out;
    SparkConf conf = SparkRounds.configure(new SparkConf().setMaster("local[2]").setAppName("setup-master-test")
        .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1"));
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      SetupTrainingMaster master = new SetupTrainingMaster(new ParameterAveragingTrainingMaster.Builder(2, 1)
          .batchSizePerWorker(2).averagingFrequency(1).saveUpdater(true));
      ParameterAveragingTrainingWorker worker = master.getWorkerInstance(new SparkComputationGraph(sc, net, master));
      assertInstanceOf(SetupWorker.class, worker);
      // What ExecuteWorker*FlatMap does first in a training task: build the worker's network from the broadcast.
      List<String> seen = sc.parallelize(List.of(1, 2), 2).map(i -> {
        long params = worker.getInitialModelGraph().numParams();
        return params + " " + (System.out instanceof SameDiffStdoutFilter) + " " + TaskDevice.assignedGpus();
      }).collect();
      assertEquals(List.of(net.numParams() + " true []", net.numParams() + " true []"), seen);
    } finally {
      System.setOut(original);
    }
  }
}
