package org.treasuremarkers.model.nn;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Learning rate: linear warm-up from 0 to {@code peak} over {@code warmupSteps} optimizer steps, cosine decay to
 * {@code peak * minRatio} over the next {@code decaySteps}, then constant. Counted in iterations (minibatches), so
 * under parameter averaging every worker follows the same curve.
 */
public class WarmupCosineSchedule implements ISchedule {
  private static final long serialVersionUID = 1L;

  @JsonProperty private double peak;
  @JsonProperty private int warmupSteps;
  @JsonProperty private int decaySteps;
  @JsonProperty private double minRatio;

  public WarmupCosineSchedule() {}

  public WarmupCosineSchedule(double peak, int warmupSteps, int decaySteps, double minRatio) {
    this.peak = peak;
    this.warmupSteps = warmupSteps;
    this.decaySteps = decaySteps;
    this.minRatio = minRatio;
  }

  @Override
  public double valueAt(int iteration, int epoch) {
    if (iteration < warmupSteps) {
      return peak * (iteration + 1) / warmupSteps;
    }
    double progress = Math.min(1.0, (iteration - warmupSteps) / (double) decaySteps);
    double cosine = 0.5 * (1 + Math.cos(Math.PI * progress));
    return peak * (minRatio + (1 - minRatio) * cosine);
  }

  @Override
  public ISchedule clone() {
    return new WarmupCosineSchedule(peak, warmupSteps, decaySteps, minRatio);
  }

  public double getPeak() {
    return peak;
  }

  public int getWarmupSteps() {
    return warmupSteps;
  }

  public int getDecaySteps() {
    return decaySteps;
  }

  public double getMinRatio() {
    return minRatio;
  }
}
