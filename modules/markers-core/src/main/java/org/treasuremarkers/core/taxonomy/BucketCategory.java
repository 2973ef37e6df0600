package org.treasuremarkers.core.taxonomy;

import java.util.List;

/**
 * A fixed-cut-off bucket of an integer category (length_bucket of length_tokens). Buckets are in increasing
 * order; {@code maxInclusive} of the last one is {@link Long#MAX_VALUE} (open).
 */
public record BucketCategory(String name, String description, String of, List<Bucket> buckets)
    implements Category {

  /** One bucket: the values up to and including {@code maxInclusive} not taken by an earlier bucket. */
  public record Bucket(String value, long maxInclusive) {}

  public BucketCategory {
    buckets = List.copyOf(buckets);
  }

  @Override
  public List<String> values() {
    return buckets.stream().map(Bucket::value).toList();
  }

  /** The bucket an amount falls in. */
  public String bucketOf(long amount) {
    for (Bucket bucket : buckets) {
      if (amount <= bucket.maxInclusive()) {
        return bucket.value();
      }
    }
    throw new IllegalStateException("the last bucket of '" + name + "' is open; the taxonomy check ensures it");
  }

  @Override
  public String canonical(String value) {
    for (Bucket bucket : buckets) {
      if (bucket.value().equals(value)) {
        return value;
      }
    }
    throw new InvalidMarkerException(
        "value '" + value + "' is not allowed for marker '" + name + "'; allowed: " + allowed());
  }

  @Override
  public String allowed() {
    return "one of " + String.join(", ", values());
  }
}
