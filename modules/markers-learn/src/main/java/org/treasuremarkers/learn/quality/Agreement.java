package org.treasuremarkers.learn.quality;

/**
 * Pairwise agreement of one scorer with the judge, overall and on length-matched pairs: a pair scores 1 when the
 * scorer ranks the judge's winner higher, 0 when lower, 0.5 on a tie (a coin's expectation). Mutable tally.
 */
public final class Agreement {
  private double overall;
  private long pairs;
  private double matched;
  private long matchedPairs;

  /** @param margin the scorer's second-minus-first score */
  void add(double margin, boolean secondBetter, boolean lengthMatched) {
    double credit = margin == 0 ? 0.5 : (margin > 0) == secondBetter ? 1 : 0;
    overall += credit;
    pairs++;
    if (lengthMatched) {
      matched += credit;
      matchedPairs++;
    }
  }

  public double overall() {
    return pairs == 0 ? Double.NaN : overall / pairs;
  }

  public double lengthMatched() {
    return matchedPairs == 0 ? Double.NaN : matched / matchedPairs;
  }

  public long pairs() {
    return pairs;
  }

  public long lengthMatchedPairs() {
    return matchedPairs;
  }
}
