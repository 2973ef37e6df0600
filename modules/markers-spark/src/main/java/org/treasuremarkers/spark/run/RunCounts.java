package org.treasuremarkers.spark.run;

import java.util.Map;
import java.util.TreeMap;

/**
 * Row counts of one dataset (or of the whole run): records read (blank lines excluded), annotated, rejected by
 * reason, blank lines, and how many of the annotated rows have no answer (a blank completion: they carry no quality
 * and no quality_bucket). {@code read == annotated + rejected} always holds for a finished run.
 */
public final class RunCounts {
  private long read;
  private long annotated;
  private long blank;
  private long noAnswer;
  private final Map<String, Long> rejected = new TreeMap<>();

  void addRead(long n) { read += n; }
  void addAnnotated(long n) { annotated += n; }
  void addBlank(long n) { blank += n; }
  void addNoAnswer(long n) { noAnswer += n; }
  void addRejected(String reason, long n) { rejected.merge(reason, n, Long::sum); }

  public long read() { return read; }
  public long annotated() { return annotated; }
  public long blank() { return blank; }
  /** Annotated rows whose completion is blank: counted in annotated, scored by nothing. */
  public long noAnswer() { return noAnswer; }
  public Map<String, Long> rejectedByReason() { return Map.copyOf(rejected); }
  public long rejected() { return rejected.values().stream().mapToLong(Long::longValue).sum(); }

  public boolean reconciles() {
    return read == annotated + rejected();
  }
}
