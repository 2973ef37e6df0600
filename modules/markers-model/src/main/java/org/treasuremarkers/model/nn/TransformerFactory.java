package org.treasuremarkers.model.nn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;
import org.treasuremarkers.model.config.ModelConfig;
import org.treasuremarkers.model.config.TrainingConfig;

/**
 * Builds the decoder-only transformer as a DL4J {@link ComputationGraph}: token embedding, learned positions,
 * {@code layers} causal blocks, final layer norm, softmax over the vocabulary (MCXENT, label mask = loss mask).
 *
 * <p>Input "tokens": [mb, T] token ids (as floats) with a [mb, T] padding mask; labels [mb, 1, T] next-token ids
 * (sparse cross-entropy: a one-hot [mb, vocab, T] label array would be vocab times larger); output [mb, vocab, T].
 */
public final class TransformerFactory {
  public static final String INPUT = "tokens";
  public static final String OUTPUT = "output";

  private TransformerFactory() {}

  public static ComputationGraphConfiguration configuration(ModelConfig model, TrainingConfig training,
      int vocabSize, DataType dataType) {
    int d = model.dModel();
    int t = model.seqLen();
    NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
        .seed(model.seed())
        .dataType(dataType)
        .weightInit(WeightInit.NORMAL)
        .updater(new Adam.Builder()
            .learningRateSchedule(new WarmupCosineSchedule(training.learningRate(), training.warmupSteps(),
                training.decaySteps(), training.minLrRatio()))
            .beta1(training.adamBeta1()).beta2(training.adamBeta2()).build());
    if (training.gradientClip() > 0) {
      base.gradientNormalization(GradientNormalization.ClipL2PerLayer)
          .gradientNormalizationThreshold(training.gradientClip());
    }
    ComputationGraphConfiguration.GraphBuilder graph = base.graphBuilder()
        .addInputs(INPUT)
        // setInputTypes overrides nIn: the recurrent "size" of the id input must be the vocabulary size.
        .setInputTypes(InputType.recurrent(vocabSize, t))
        .addLayer("embedding", new EmbeddingSequenceLayer.Builder()
            .nIn(vocabSize).nOut(d).inputLength(t).hasBias(false)
            .weightInit(new org.deeplearning4j.nn.weights.WeightInitDistribution(
                new org.deeplearning4j.nn.conf.distribution.NormalDistribution(0, 0.02)))
            .build(), INPUT)
        .addLayer("positions", new LearnedPositions(d, t), "embedding");
    String previous = "positions";
    double residualStd = 0.02 / Math.sqrt(2.0 * model.layers());
    for (int i = 0; i < model.layers(); i++) {
      String name = "block" + i;
      graph.addLayer(name, new CausalTransformerBlock(d, model.heads(), model.ffnSize(), t, residualStd), previous);
      previous = name;
    }
    graph.addLayer("final_norm", new SequenceLayerNorm(d, t), previous)
        .addLayer(OUTPUT, new RnnOutputLayer.Builder(new LossSparseMCXENT())
            .activation(Activation.SOFTMAX).nIn(d).nOut(vocabSize).dataFormat(RNNFormat.NCW)
            .weightInit(new org.deeplearning4j.nn.weights.WeightInitDistribution(
                new org.deeplearning4j.nn.conf.distribution.NormalDistribution(0, 0.02)))
            .build(), "final_norm")
        .setOutputs(OUTPUT);
    return graph.build();
  }

  public static ComputationGraph build(ModelConfig model, TrainingConfig training, int vocabSize) {
    ComputationGraph net = new ComputationGraph(configuration(model, training, vocabSize, DataType.FLOAT));
    net.init();
    return net;
  }
}
