package org.treasuremarkers.model.train;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.treasuremarkers.model.data.HeldOutSplit;
import org.treasuremarkers.model.data.StableHash;

/**
 * The text a BPE tokenizer is trained on: input_text and target_text of at most {@code maxRows} training rows, a
 * stable hash sample (the same rows on every run and cluster), never a held-out row, so the bytes-per-token and
 * bits-per-byte measured on held-out rows are not flattered by a vocabulary that saw them.
 */
public final class TokenizerCorpus {
  /** Salt of the sample hash, apart from the held-out split's and the epoch order's. */
  static final long SALT = 0x70_6b_6e_7aL;

  private TokenizerCorpus() {}

  /** Collects the sample to the driver. */
  public static List<String> sample(Dataset<Row> rows, HeldOutSplit split, long seed, int maxRows) {
    SparkExamples.requireColumns(rows.schema());
    Dataset<Row> training = rows.select(SparkExamples.ID, SparkExamples.INPUT, SparkExamples.TARGET)
        .filter((FilterFunction<Row>) r -> !split.isHeldOut(r.getString(0)));
    long count = training.count();
    double keep = count == 0 ? 0 : Math.min(1.0, (double) maxRows / count);
    long salt = seed ^ SALT;
    List<Row> picked = training.filter((FilterFunction<Row>) r -> StableHash.unit(salt, r.getString(0)) < keep)
        .orderBy(SparkExamples.ID).limit(maxRows).collectAsList();
    List<String> texts = new ArrayList<>(picked.size() * 2);
    for (Row r : picked) {
      texts.add(r.isNullAt(1) ? "" : r.getString(1));
      texts.add(r.isNullAt(2) ? "" : r.getString(2));
    }
    return texts;
  }

  /** The same rule on rows in memory: (id, input_text, target_text) triples. */
  public static List<String> sample(List<String[]> rows, HeldOutSplit split, long seed, int maxRows) {
    List<String[]> training = rows.stream().filter(r -> !split.isHeldOut(r[0])).toList();
    double keep = training.isEmpty() ? 0 : Math.min(1.0, (double) maxRows / training.size());
    long salt = seed ^ SALT;
    List<String> texts = new ArrayList<>();
    training.stream().filter(r -> StableHash.unit(salt, r[0]) < keep)
        .sorted(java.util.Comparator.comparing((String[] r) -> r[0])).limit(maxRows).forEach(r -> {
          texts.add(r[1] == null ? "" : r[1]);
          texts.add(r[2] == null ? "" : r[2]);
        });
    return texts;
  }
}
