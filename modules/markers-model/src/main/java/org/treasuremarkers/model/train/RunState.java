package org.treasuremarkers.model.train;

/**
 * Where a training run stands after a round, saved with each checkpoint so a restarted job continues from there.
 *
 * @param rounds averaging rounds completed over the whole run
 * @param epoch epoch of the next round
 * @param roundInEpoch index of the next round within that epoch
 * @param examples training sequences fitted so far
 * @param seconds training wall time so far
 */
public record RunState(long rounds, int epoch, int roundInEpoch, long examples, double seconds) {
  static RunState start() {
    return new RunState(0, 0, 0, 0, 0);
  }
}
