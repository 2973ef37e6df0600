package org.treasuremarkers.spark.prepare;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@code dropout} section of conf/train.json (datasets-schema/train-config.schema.json).
 *
 * @param datasetRateOverrides dataset name -> dataset-level rate for that dataset's rows
 * @param sampleRateOverrides  dataset name -> sample-level rate for that dataset's rows
 */
public record DropoutConfig(long seed, double datasetRate, double sampleRate,
                            SortedMap<String, Double> datasetRateOverrides, SortedMap<String, Double> sampleRateOverrides,
                            List<String> protectedMarkers, List<String> promptExcludedMarkers) {
  public DropoutConfig {
    datasetRateOverrides = new TreeMap<>(datasetRateOverrides);
    sampleRateOverrides = new TreeMap<>(sampleRateOverrides);
    protectedMarkers = List.copyOf(protectedMarkers);
    promptExcludedMarkers = List.copyOf(promptExcludedMarkers);
  }

  /** The same rates for every dataset, no protected or excluded markers. */
  public static DropoutConfig uniform(long seed, double datasetRate, double sampleRate) {
    return new DropoutConfig(seed, datasetRate, sampleRate, new TreeMap<>(), new TreeMap<>(), List.of(), List.of());
  }

  public DropoutConfig withMarkerLists(List<String> protectedKeys, List<String> excludedKeys) {
    return new DropoutConfig(seed, datasetRate, sampleRate, datasetRateOverrides, sampleRateOverrides, protectedKeys, excludedKeys);
  }

  public DropoutConfig withOverrides(Map<String, Double> datasetRates, Map<String, Double> sampleRates) {
    return new DropoutConfig(seed, datasetRate, sampleRate, new TreeMap<>(datasetRates), new TreeMap<>(sampleRates),
        protectedMarkers, promptExcludedMarkers);
  }

  public double datasetRateFor(String dataset) {
    return datasetRateOverrides.getOrDefault(dataset, datasetRate);
  }

  public double sampleRateFor(String dataset) {
    return sampleRateOverrides.getOrDefault(dataset, sampleRate);
  }
}
