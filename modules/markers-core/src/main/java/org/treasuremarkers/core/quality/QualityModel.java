package org.treasuremarkers.core.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A linear pairwise (Bradley-Terry) quality model: an answer's raw score is
 * {@code s = sum_i weight_i * (x_i - mean_i) / scale_i} over the features x of {@link QualityFeatures}, and
 * P(answer A is judged better than B) = sigmoid(s_A - s_B). The quality marker is the monotone map
 * {@code quality = 5 * sigmoid((s - scoreMean) / scoreScale)} into [0, 5], with scoreMean and scoreScale the mean
 * and standard deviation of s over the training answers: a typical answer scores 2.5, one standard deviation
 * better 3.66, two better 4.40. The map keeps the order of s, so buckets cut on it are those of s.
 *
 * <p>The file (quality-model.json) holds exactly these fields: {@code format} ("pairwise-linear/1"),
 * {@code features} (names, in the order of QualityFeatures.NAMES), {@code mean}, {@code scale}, {@code weights}
 * (one per feature), {@code score_mean}, {@code score_scale}. Immutable and thread-safe.
 */
public final class QualityModel {
  public static final String FORMAT = "pairwise-linear/1";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final double[] mean;
  private final double[] scale;
  private final double[] weights;
  private final double scoreMean;
  private final double scoreScale;

  public QualityModel(double[] mean, double[] scale, double[] weights, double scoreMean, double scoreScale) {
    int n = QualityFeatures.NAMES.size();
    if (mean.length != n || scale.length != n || weights.length != n) {
      throw new IllegalArgumentException("a quality model needs " + n + " means, scales and weights; got "
          + mean.length + ", " + scale.length + ", " + weights.length);
    }
    for (double s : scale) {
      if (!(s > 0)) {
        throw new IllegalArgumentException("feature scales must be positive: " + s);
      }
    }
    if (!(scoreScale > 0)) {
      throw new IllegalArgumentException("score_scale must be positive: " + scoreScale);
    }
    this.mean = mean.clone();
    this.scale = scale.clone();
    this.weights = weights.clone();
    this.scoreMean = scoreMean;
    this.scoreScale = scoreScale;
  }

  /** The raw (Bradley-Terry) score of features {@code x}: only differences between answers mean something. */
  public double rawScore(double[] x) {
    double s = 0;
    for (int i = 0; i < weights.length; i++) {
      s += weights[i] * (x[i] - mean[i]) / scale[i];
    }
    return s;
  }

  public double rawScore(String prompt, String answer) {
    return rawScore(QualityFeatures.of(prompt, answer));
  }

  /** The raw score mapped into [0, 5]: {@code 5 * sigmoid((s - scoreMean) / scoreScale)}. */
  public double toQuality(double rawScore) {
    return 5 / (1 + Math.exp(-(rawScore - scoreMean) / scoreScale));
  }

  /** The quality of {@code answer} to {@code prompt}, in [0, 5], full precision. */
  public double quality(String prompt, String answer) {
    return toQuality(rawScore(prompt, answer));
  }

  public double[] weights() {
    return weights.clone();
  }

  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    ArrayNode names = root.putArray("features");
    QualityFeatures.NAMES.forEach(names::add);
    array(root.putArray("mean"), mean);
    array(root.putArray("scale"), scale);
    array(root.putArray("weights"), weights);
    root.put("score_mean", scoreMean);
    root.put("score_scale", scoreScale);
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a model file; refuses one made for another format or feature list. */
  public static QualityModel fromJson(String origin, byte[] json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(origin + ": not JSON: " + e.getMessage(), e);
    }
    if (!FORMAT.equals(root.path("format").asText())) {
      throw new IllegalArgumentException(origin + ": format '" + root.path("format").asText() + "', expected " + FORMAT);
    }
    List<String> names = new ArrayList<>();
    root.path("features").forEach(n -> names.add(n.asText()));
    if (!names.equals(QualityFeatures.NAMES)) {
      throw new IllegalArgumentException(origin + ": its features " + names + " are not this code's "
          + QualityFeatures.NAMES + "; retrain it (./run-cluster.sh train-quality)");
    }
    return new QualityModel(doubles(root, "mean"), doubles(root, "scale"), doubles(root, "weights"),
        root.path("score_mean").asDouble(), root.path("score_scale").asDouble());
  }

  private static void array(ArrayNode out, double[] values) {
    for (double v : values) {
      out.add(v);
    }
  }

  private static double[] doubles(JsonNode root, String field) {
    JsonNode a = root.path(field);
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asDouble();
    }
    return out;
  }
}
