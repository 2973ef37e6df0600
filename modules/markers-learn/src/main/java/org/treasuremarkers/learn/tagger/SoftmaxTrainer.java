package org.treasuremarkers.learn.tagger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.treasuremarkers.core.tagger.LinearTagger;

/**
 * Fits a {@link LinearTagger}: multinomial logistic regression on hashed features, AdaGrad, weighted rows. Rows are
 * capped per (source, class) and weighted so that classes and, within a class, sources count by n^balancePower:
 * a class that only a few hundred rows teach is not lost among 50,000 exam questions, and a source's style does not
 * stand in for its class. For the markers in {@link TaggerParams#scriptBalanced()} the unit is a source's rows in
 * one script (Han or not), so the Chinese rows of a class are not drowned by its English ones.
 */
final class SoftmaxTrainer {
  private static final float SKIP = 1e-4f;
  private final TaggerParams params;

  SoftmaxTrainer(TaggerParams params) {
    this.params = params;
  }

  /** The balancing unit of a row: its source, and its script when the marker balances scripts. */
  private String unit(EncodedRow r, String marker) {
    return params.scriptBalanced().contains(marker) ? r.unit : r.row.source();
  }

  /** The rows kept for training after the per-(source, class) cap, in a stable order. */
  List<EncodedRow> capped(List<EncodedRow> rows, String marker) {
    Map<String, List<EncodedRow>> bySourceClass = new HashMap<>();
    for (EncodedRow r : rows) {
      String label = r.row.label(marker);
      if (label != null) {
        bySourceClass.computeIfAbsent(unit(r, marker) + "\u0000" + label, k -> new ArrayList<>()).add(r);
      }
    }
    List<EncodedRow> kept = new ArrayList<>();
    bySourceClass.keySet().stream().sorted().forEach(key -> {
      List<EncodedRow> group = new ArrayList<>(bySourceClass.get(key));
      if (group.size() > params.capPerSourceClass()) {
        group.sort(java.util.Comparator.comparingLong(r -> StableHash.of(r.row.group() + r.row.text(), params.seed())));
        group = group.subList(0, params.capPerSourceClass());
      }
      kept.addAll(group);
    });
    return kept;
  }

  LinearTagger fit(List<EncodedRow> rows, String marker, List<String> classes) {
    List<EncodedRow> train = capped(rows, marker);
    int nClasses = classes.size();
    Map<String, Integer> index = new HashMap<>();
    for (int c = 0; c < nClasses; c++) {
      index.put(classes.get(c), c);
    }
    double[] weight = rowWeights(train, marker);
    int buckets = params.buckets();
    float[] w = new float[buckets * nClasses];
    float[] g2 = new float[w.length];
    float[] bias = new float[nClasses];
    float[] biasG2 = new float[nClasses];
    int[] order = new int[train.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    boolean[] learned = sharedBuckets(train, buckets);
    Random random = new Random(params.seed());
    float lr = (float) params.learningRate();
    for (int epoch = 0; epoch < params.epochs(); epoch++) {
      shuffle(order, random);
      for (int i : order) {
        EncodedRow r = train.get(i);
        int y = index.get(r.row.label(marker));
        float[] s = bias.clone();
        for (int b : r.buckets) {
          if (!learned[b]) {
            continue;
          }
          int base = b * nClasses;
          for (int c = 0; c < nClasses; c++) {
            s[c] += w[base + c] * r.value;
          }
        }
        double[] p = LinearTagger.softmax(s);
        float[] grad = new float[nClasses];
        for (int c = 0; c < nClasses; c++) {
          grad[c] = (float) ((p[c] - (c == y ? 1 : 0)) * weight[i]);
          biasG2[c] += grad[c] * grad[c];
          bias[c] -= lr * grad[c] / (float) (Math.sqrt(biasG2[c]) + 1e-6);
        }
        for (int b : r.buckets) {
          if (!learned[b]) {
            continue; // its weight stays 0, so prediction, which reads every bucket, computes the same scores
          }
          int base = b * nClasses;
          for (int c = 0; c < nClasses; c++) {
            if (Math.abs(grad[c]) < SKIP) {
              continue; // a class the row already scores right: its step would be nothing, skip its sqrt
            }
            float g = grad[c] * r.value;
            g2[base + c] += g * g;
            w[base + c] -= lr * g / (float) (Math.sqrt(g2[base + c]) + 1e-6);
          }
        }
      }
    }
    return new LinearTagger(marker, classes, buckets, w, bias, 0.0);
  }

  /** The buckets that the rows of at least {@link TaggerParams#minSources()} sources have. */
  private boolean[] sharedBuckets(List<EncodedRow> train, int buckets) {
    boolean[] learned = new boolean[buckets];
    if (params.minSources() <= 1) {
      java.util.Arrays.fill(learned, true);
      return learned;
    }
    Map<String, List<EncodedRow>> bySource = new HashMap<>();
    train.forEach(r -> bySource.computeIfAbsent(r.row.source(), k -> new ArrayList<>()).add(r));
    byte[] sources = new byte[buckets];
    boolean[] seen = new boolean[buckets];
    for (List<EncodedRow> rows : bySource.values()) {
      java.util.Arrays.fill(seen, false);
      for (EncodedRow r : rows) {
        for (int b : r.buckets) {
          if (!seen[b]) {
            seen[b] = true;
            sources[b] = (byte) Math.min(Byte.MAX_VALUE, sources[b] + 1);
          }
        }
      }
    }
    for (int b = 0; b < buckets; b++) {
      learned[b] = sources[b] >= params.minSources();
    }
    return learned;
  }

  /** n^power per class and per source within its class, scaled to a mean of 1. */
  private double[] rowWeights(List<EncodedRow> train, String marker) {
    Map<String, Integer> perClass = new HashMap<>();
    Map<String, Integer> perSourceClass = new HashMap<>();
    Map<String, Integer> sourcesPerClass = new HashMap<>();
    for (EncodedRow r : train) {
      String label = r.row.label(marker);
      perClass.merge(label, 1, Integer::sum);
      if (perSourceClass.merge(unit(r, marker) + "\u0000" + label, 1, Integer::sum) == 1) {
        sourcesPerClass.merge(label, 1, Integer::sum);
      }
    }
    double power = params.balancePower();
    Map<String, Double> sharesOfClass = new HashMap<>();
    perSourceClass.forEach((key, n) -> sharesOfClass.merge(key.substring(key.indexOf('\u0000') + 1),
        Math.pow(n, power), Double::sum));
    double[] weight = new double[train.size()];
    double sum = 0;
    for (int i = 0; i < weight.length; i++) {
      EncodedRow r = train.get(i);
      String label = r.row.label(marker);
      double classTotal = Math.pow(perClass.get(label), power);
      // the class's total split among its sources by n_source^power
      double sourceShare = Math.pow(perSourceClass.get(unit(r, marker) + "\u0000" + label), power);
      weight[i] = classTotal * (sourceShare / sharesOfClass.get(label)) / perSourceClass.get(unit(r, marker) + "\u0000" + label);
      sum += weight[i];
    }
    double mean = sum / weight.length;
    for (int i = 0; i < weight.length; i++) {
      weight[i] /= mean;
    }
    return weight;
  }

  private static void shuffle(int[] a, Random random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
