package org.treasuremarkers.learn.quality;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.treasuremarkers.core.quality.QualityFeatures;
import org.treasuremarkers.core.quality.QualityModel;

/**
 * Fits a {@link QualityModel} on judged pairs: standardises every feature by its mean and standard deviation over
 * the distinct training answers, fits the pairwise logistic weights ({@link PairwiseLogistic}), and takes the mean
 * and standard deviation of the raw score over the same answers for the map into [0, 5].
 */
public final class QualityTrainer {
  private final double l2;
  private final AnswerFeatures features;

  /** @param l2 the L2 penalty on the standardised weights (300 in the shipped model) */
  public QualityTrainer(double l2) {
    this(l2, new AnswerFeatures());
  }

  QualityTrainer(double l2, AnswerFeatures features) {
    if (!(l2 > 0)) {
      throw new IllegalArgumentException("l2 must be positive: " + l2);
    }
    this.l2 = l2;
    this.features = features;
  }

  public QualityModel fit(List<JudgedPair> pairs) {
    if (pairs.isEmpty()) {
      throw new IllegalArgumentException("no judged pairs to train on");
    }
    Map<String, double[]> answers = new LinkedHashMap<>();
    for (JudgedPair p : pairs) {
      answers.put(AnswerFeatures.key(p.instruction(), p.output1()), features.of(p.instruction(), p.output1()));
      answers.put(AnswerFeatures.key(p.instruction(), p.output2()), features.of(p.instruction(), p.output2()));
    }
    int d = QualityFeatures.NAMES.size();
    double[] mean = new double[d];
    double[] scale = new double[d];
    for (double[] x : answers.values()) {
      for (int i = 0; i < d; i++) {
        mean[i] += x[i] / answers.size();
      }
    }
    for (double[] x : answers.values()) {
      for (int i = 0; i < d; i++) {
        scale[i] += (x[i] - mean[i]) * (x[i] - mean[i]) / answers.size();
      }
    }
    for (int i = 0; i < d; i++) {
      scale[i] = scale[i] > 1e-12 ? Math.sqrt(scale[i]) : 1; // a constant feature: its difference is 0 anyway
    }
    double[][] differences = new double[pairs.size()][d];
    boolean[] secondBetter = new boolean[pairs.size()];
    for (int r = 0; r < pairs.size(); r++) {
      JudgedPair p = pairs.get(r);
      double[] x1 = features.of(p.instruction(), p.output1());
      double[] x2 = features.of(p.instruction(), p.output2());
      for (int i = 0; i < d; i++) {
        differences[r][i] = (x2[i] - x1[i]) / scale[i];
      }
      secondBetter[r] = p.secondBetter();
    }
    double[] weights = PairwiseLogistic.fit(differences, secondBetter, l2);
    QualityModel unmapped = new QualityModel(mean, scale, weights, 0, 1);
    double sum = 0;
    double squares = 0;
    for (double[] x : answers.values()) {
      double s = unmapped.rawScore(x);
      sum += s;
      squares += s * s;
    }
    double scoreMean = sum / answers.size();
    double scoreScale = Math.sqrt(Math.max(squares / answers.size() - scoreMean * scoreMean, 1e-12));
    return new QualityModel(mean, scale, weights, scoreMean, scoreScale);
  }

  AnswerFeatures features() {
    return features;
  }
}
