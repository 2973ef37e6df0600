package org.treasuremarkers.core.tagger;

import java.util.List;

/**
 * A multinomial logistic model over hashed text features for one marker (task, domain, ...): one weight per
 * (bucket, class), laid out bucket by bucket so a feature's class weights are adjacent in memory. Predicts the
 * most probable class and its softmax probability; the caller abstains below its threshold. Immutable and
 * thread-safe; {@link #predict} allocates only its small score array.
 */
public final class LinearTagger {
  private final String marker;
  private final List<String> classes;
  private final TextFeatures features;
  private final float[] weights;
  private final float[] bias;
  private final double threshold;

  private static final ThreadLocal<FeatureVector> SCRATCH = ThreadLocal.withInitial(FeatureVector::new);

  /**
   * @param weights {@code buckets * classes} weights, bucket-major
   * @param threshold the lowest probability at which a class is proposed (chosen on held-out data)
   */
  public LinearTagger(String marker, List<String> classes, int buckets, float[] weights, float[] bias,
      double threshold) {
    if (weights.length != (long) buckets * classes.size() || bias.length != classes.size()) {
      throw new IllegalArgumentException("tagger " + marker + ": " + weights.length + " weights and "
          + bias.length + " biases do not fit " + buckets + " buckets x " + classes.size() + " classes");
    }
    this.marker = marker;
    this.classes = List.copyOf(classes);
    this.features = new TextFeatures(buckets);
    this.weights = weights;
    this.bias = bias;
    this.threshold = threshold;
  }

  public String marker() {
    return marker;
  }

  public List<String> classes() {
    return classes;
  }

  public int buckets() {
    return features.buckets();
  }

  public double threshold() {
    return threshold;
  }

  /** A copy with another threshold. */
  public LinearTagger withThreshold(double newThreshold) {
    return new LinearTagger(marker, classes, buckets(), weights, bias, newThreshold);
  }

  float[] weights() {
    return weights;
  }

  float[] bias() {
    return bias;
  }

  /** The class probabilities for {@code text}, in the order of {@link #classes()}. */
  public double[] probabilities(String text) {
    return probabilities(features(text));
  }

  /** The features of {@code text} in a per-thread vector, valid until this thread's next call. */
  public FeatureVector features(String text) {
    return SCRATCH.get().fill(features, text);
  }

  /**
   * The class probabilities of features already extracted (by a model with the same buckets), so that models of
   * several markers share one pass over the text.
   */
  public double[] probabilities(FeatureVector vector) {
    return softmax(scores(vector, weights, bias, classes.size()));
  }

  /** The most probable class with its probability (whatever the threshold). */
  public Prediction predict(String text) {
    double[] p = probabilities(text);
    int best = 0;
    for (int c = 1; c < p.length; c++) {
      if (p[c] > p[best]) {
        best = c;
      }
    }
    return new Prediction(classes.get(best), p[best]);
  }

  /** Linear scores of a feature vector; shared with the trainer so both compute the same thing. */
  public static float[] scores(FeatureVector vector, float[] weights, float[] bias, int nClasses) {
    float[] s = bias.clone();
    float v = vector.value();
    for (int i = 0; i < vector.size(); i++) {
      int base = vector.bucket(i) * nClasses;
      for (int c = 0; c < nClasses; c++) {
        s[c] += weights[base + c] * v;
      }
    }
    return s;
  }

  public static double[] softmax(float[] scores) {
    double max = Double.NEGATIVE_INFINITY;
    for (float s : scores) {
      max = Math.max(max, s);
    }
    double[] p = new double[scores.length];
    double sum = 0;
    for (int c = 0; c < scores.length; c++) {
      p[c] = Math.exp(scores[c] - max);
      sum += p[c];
    }
    for (int c = 0; c < p.length; c++) {
      p[c] /= sum;
    }
    return p;
  }
}
