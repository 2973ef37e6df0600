package org.treasuremarkers.learn.quality;

import java.util.HashMap;
import java.util.Map;
import org.treasuremarkers.core.quality.QualityFeatures;

/**
 * The features of each distinct (instruction, answer), computed once: the davinci-003 answer of an instruction
 * occurs in ten pairs. Not thread-safe.
 */
final class AnswerFeatures {
  private final Map<String, double[]> byAnswer = new HashMap<>();

  double[] of(String instruction, String answer) {
    return byAnswer.computeIfAbsent(key(instruction, answer), k -> QualityFeatures.of(instruction, answer));
  }

  static String key(String instruction, String answer) {
    return instruction + '\u0000' + answer;
  }
}
