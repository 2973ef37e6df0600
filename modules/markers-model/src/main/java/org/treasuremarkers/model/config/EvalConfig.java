package org.treasuremarkers.model.config;

import java.io.Serializable;

/**
 * How much of the held-out split train-job evaluates ({@code eval} section of {@code conf/train.json}, optional;
 * defaults in {@code datasets-schema/train-config.schema.json}).
 *
 * @param lossExamples held-out examples whose loss per token is measured (collected to the driver)
 * @param generationExamples of those, how many the model generates for (inference and obedience)
 * @param maxNewTokens generation limit per example
 */
public record EvalConfig(int lossExamples, int generationExamples, int maxNewTokens) implements Serializable {
  public static final EvalConfig DEFAULT = new EvalConfig(500, 16, 160);
}
