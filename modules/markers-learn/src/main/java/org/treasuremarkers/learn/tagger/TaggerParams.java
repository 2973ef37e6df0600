package org.treasuremarkers.learn.tagger;

/**
 * How the tagger is trained; every value is recorded in provenance.json.
 *
 * @param buckets hash space of the text features (a power of two); the file holds buckets x classes bytes
 * @param epochs passes over the training rows
 * @param learningRate AdaGrad's step size
 * @param capPerSourceClass at most this many rows of one source for one class (chosen by a stable hash), so the
 *     large sources (CODE-NN, CLINC150) do not drown the rest
 * @param balancePower a class weighs n^power in total and a source within a class likewise: 0 balances fully,
 *     1 keeps the natural frequencies; 0.5 is in between, so a 300-row class is not multiplied 150-fold
 * @param seed order of the rows in each epoch
 * @param minCoverage the threshold is the highest at which leave-one-source-out coverage, averaged over sources,
 *     stays at or above this
 * @param scriptBalanced markers whose balancing unit is (source, script) rather than source: on for task, where
 *     Chinese prompts of a class otherwise learn from a tenth of its weight; off for domain, where it cost accuracy
 *     on the unseen check set (see models/tagger/README.md)
 * @param minSources a feature (hash bucket) is learned only if the training rows of at least this many sources
 *     have it: a word only one source uses (its template, its names) identifies the source, not the class, and
 *     does not carry over to data from elsewhere; 1 learns every feature. 2 (the default) kept leave-one-source-out
 *     accuracy (task 0.422 vs 0.424, domain 0.541 vs 0.537 with the shape features) and gained on the unseen check
 */
public record TaggerParams(int buckets, int epochs, double learningRate, int capPerSourceClass, double balancePower,
    long seed, double minCoverage, java.util.Set<String> scriptBalanced, int minSources) {

  public TaggerParams(int buckets, int epochs, double learningRate, int capPerSourceClass, double balancePower,
      long seed, double minCoverage) {
    this(buckets, epochs, learningRate, capPerSourceClass, balancePower, seed, minCoverage, java.util.Set.of("task"),
        2);
  }

  public static TaggerParams defaults() {
    return new TaggerParams(1 << 18, 2, 0.4, 1000, 0.5, 20260604L, 0.99);
  }

  public TaggerParams withMinSources(int value) {
    return new TaggerParams(buckets, epochs, learningRate, capPerSourceClass, balancePower, seed, minCoverage,
        scriptBalanced, value);
  }

  public TaggerParams withBuckets(int value) {
    return new TaggerParams(value, epochs, learningRate, capPerSourceClass, balancePower, seed, minCoverage,
        scriptBalanced, minSources);
  }

  public TaggerParams withEpochs(int value) {
    return new TaggerParams(buckets, value, learningRate, capPerSourceClass, balancePower, seed, minCoverage,
        scriptBalanced, minSources);
  }

  public TaggerParams withCap(int value) {
    return new TaggerParams(buckets, epochs, learningRate, value, balancePower, seed, minCoverage,
        scriptBalanced, minSources);
  }

  public TaggerParams withBalancePower(double value) {
    return new TaggerParams(buckets, epochs, learningRate, capPerSourceClass, value, seed, minCoverage,
        scriptBalanced, minSources);
  }

  public TaggerParams withLearningRate(double value) {
    return new TaggerParams(buckets, epochs, value, capPerSourceClass, balancePower, seed, minCoverage,
        scriptBalanced, minSources);
  }
}
