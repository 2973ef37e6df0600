package org.treasuremarkers.learn.quality;

/**
 * Two answers to one instruction and the judge's verdict.
 *
 * @param generator1 the model that wrote {@code output1} (text_davinci_003 in every AlpacaEval pair)
 * @param generator2 the model that wrote {@code output2}
 * @param secondBetter true when the judge preferred {@code output2}
 */
public record JudgedPair(String instruction, String output1, String output2, String generator1, String generator2,
    boolean secondBetter) {}
