package org.treasuremarkers.model.train;

import org.treasuremarkers.model.config.TrainConfig;

/** conf/train.json with a model small enough for tests (d_model 16, 1 block, T 32). */
final class TinyConfig {
  private TinyConfig() {}

  static TrainConfig of(int batchSize, int averagingFrequency, int epochs, int checkpointEvery) {
    return TrainConfig.loadDefault().with("""
        {"model": {"d_model": 16, "layers": 1, "heads": 2, "mlp_ratio": 2, "seq_len": 32, "seed": 5},
         "training": {"learning_rate": 0.01, "schedule": {"warmup_steps": 2, "decay_steps": 200, "min_lr_ratio": 0.1},
                      "gradient_clip": 1.0, "batch_size_per_worker": %d, "averaging_frequency": %d, "epochs": %d,
                      "checkpoint_every_rounds": %d, "heldout_percent": 10, "seed": 11}}
        """.formatted(batchSize, averagingFrequency, epochs, checkpointEvery));
  }
}
