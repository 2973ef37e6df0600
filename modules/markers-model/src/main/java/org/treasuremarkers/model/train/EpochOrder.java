package org.treasuremarkers.model.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.treasuremarkers.model.data.StableHash;
import org.treasuremarkers.model.data.TokenizedExample;

/**
 * The order examples are fitted in during an epoch: sorted by a hash of (seed, epoch, id), the same in the
 * single-JVM loop and on Spark, so a resumed run fits exactly the rounds it had not fitted yet.
 */
public final class EpochOrder {
  private EpochOrder() {}

  public static long key(long seed, int epoch, String id) {
    return StableHash.of(seed * 1_000_003L + epoch, id);
  }

  static List<TokenizedExample> sorted(List<TokenizedExample> examples, long seed, int epoch) {
    List<TokenizedExample> out = new ArrayList<>(examples);
    out.sort(Comparator.comparingLong((TokenizedExample e) -> key(seed, epoch, e.id()))
        .thenComparing(TokenizedExample::id));
    return out;
  }
}
