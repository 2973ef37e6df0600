package org.treasuremarkers.model.config;

import java.io.Serializable;

/** How the model is trained ({@code training} section of {@code conf/train.json}; see its schema for units). */
public record TrainingConfig(double learningRate, int warmupSteps, int decaySteps, double minLrRatio,
    double adamBeta1, double adamBeta2, double gradientClip, int batchSizePerWorker, int averagingFrequency,
    int epochs, int checkpointEveryRounds, double heldoutPercent, long seed) implements Serializable {}
