package org.treasuremarkers.model.generate;

/**
 * How tokens are chosen: greedy (temperature 0) or sampled from the softmax at {@code temperature}, restricted to
 * the {@code topK} most likely tokens (0 = all), with a seeded random generator so a run can be repeated.
 *
 * @param maxNewTokens stop after this many generated tokens if EOS has not come
 * @param stopAfterTemplate stop as soon as the template is closed (for marker inference only)
 */
public record SamplingOptions(int maxNewTokens, double temperature, int topK, long seed, boolean stopAfterTemplate) {
  public SamplingOptions {
    if (maxNewTokens < 1) {
      throw new IllegalArgumentException("maxNewTokens must be at least 1, found " + maxNewTokens);
    }
    if (temperature < 0) {
      throw new IllegalArgumentException("temperature must be >= 0 (0 = greedy), found " + temperature);
    }
    if (topK < 0) {
      throw new IllegalArgumentException("topK must be >= 0 (0 = no limit), found " + topK);
    }
  }

  public static SamplingOptions greedy(int maxNewTokens) {
    return new SamplingOptions(maxNewTokens, 0, 0, 0, false);
  }

  public SamplingOptions untilTemplateClosed() {
    return new SamplingOptions(maxNewTokens, temperature, topK, seed, true);
  }
}
