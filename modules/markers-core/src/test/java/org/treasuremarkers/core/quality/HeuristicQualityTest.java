package org.treasuremarkers.core.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HeuristicQualityTest {
  private static final String PROMPT = "Explain why the sky is blue in a short paragraph for a curious student.";
  private static final String GOOD = "The sky looks blue because of Rayleigh scattering. Sunlight contains all colours, "
      + "and the short blue wavelengths are scattered by the molecules of the air much more than the longer red ones. "
      + "That scattered blue light reaches our eyes from every direction of the sky.";

  @Test
  void aCleanAnswerScoresFive() {
    assertEquals(5.0, HeuristicQuality.score(PROMPT, GOOD, "English"));
  }

  @Test
  void emptyAndEchoedAnswersScoreLow() {
    assertEquals(0.0, HeuristicQuality.score(PROMPT, "   ", "English"));
    assertTrue(HeuristicQuality.score(PROMPT, PROMPT, "English") <= 2);
    assertTrue(HeuristicQuality.score(PROMPT + " Some more context here.", "Explain why the sky is blue", null) <= 2);
  }

  @Test
  void repetitionIsPenalised() {
    String repeated = "The sky is blue because of the air.\n".repeat(6);
    assertTrue(HeuristicQuality.score(PROMPT, repeated, "English") <= 3.5);
    String looping = "the sky is blue and the sky is blue and ".repeat(10);
    assertTrue(HeuristicQuality.score(PROMPT, looping, "English") < 5);
  }

  @Test
  void truncationIsPenalised() {
    String cut = GOOD.substring(0, GOOD.indexOf("reaches our") + "reaches our".length());
    assertEquals(4.0, HeuristicQuality.score(PROMPT, cut, "English"));
  }

  @Test
  void symbolsAndMissingStopWordsArePenalisedForEnglishProse() {
    String hashtags = "Blue sky #science #physics #light #sky #rayleigh #colour #air today";
    assertTrue(HeuristicQuality.score(PROMPT, hashtags, "English") <= 4);
    StringBuilder salad = new StringBuilder("Sky");
    for (int i = 0; i < 60; i++) {
      salad.append(" blu").append((char) ('a' + i % 26)).append((char) ('a' + i / 26)).append("ght");
    }
    String wordSalad = salad.append('.').toString(); // 61 distinct words, none of them a stop word
    assertEquals(4.0, HeuristicQuality.score(PROMPT, wordSalad, "English"));
    assertEquals(5.0, HeuristicQuality.score(PROMPT, wordSalad, "French"), "the stop-word check only runs for English");
  }

  @Test
  void shortAnswersToShortQuestionsAreFine() {
    assertEquals(5.0, HeuristicQuality.score("What is 7 times 6?", "42", "English"));
    assertEquals(5.0, HeuristicQuality.score("Janet’s ducks lay 16 eggs per day. She eats three for breakfast every "
        + "morning and bakes muffins for her friends every day with four. How much does she make every day?", "18", null),
        "a number is a complete answer to a long question");
    assertTrue(HeuristicQuality.score(PROMPT + " Please use several sentences and examples.", "Rayleigh.", "English") < 5);
  }

  @Test
  void codeDoesNotLookTruncatedOrRepetitive() {
    String code = "```python\ndef f(x):\n    if x:\n        return 1\n    return 0\n```";
    assertEquals(5.0, HeuristicQuality.score("Write a function.", code, null));
    String shell = "#!/bin/bash\n# Usage: ./check.sh dir\nif [ -d \"$1\" ]; then\n    echo \"exists\"\nelse\n    echo \"missing\"\nfi";
    assertEquals(5.0, HeuristicQuality.score("Write a shell script that checks whether a directory exists.", shell, null),
        "a script ending in fi is not a truncated sentence");
  }

  @Test
  void vocabularyVarietyGradesLongerAnswers() {
    String varied = GOOD + " Near sunset the light crosses far more air, so most blue is scattered away before it arrives, "
        + "leaving the reds and oranges we see low on the horizon. Clouds stay white because their droplets are large.";
    String samey = "The sky is blue because the light is blue and the air is blue, so the sky is blue when the light "
        + "is blue and the air is blue, and the blue light is in the blue air and the blue sky is in the blue light, "
        + "so the sky is blue and the light is blue and the air is blue and the sky is blue.";
    double variedScore = HeuristicQuality.score(PROMPT, varied, "English");
    double sameyScore = HeuristicQuality.score(PROMPT, samey, "English");
    // on the shared datasets' answers of 50+ prose words, MATTR(50) has median 0.79 and 5th percentile 0.62
    assertTrue(HeuristicQuality.movingTypeTokenRatio(HeuristicQuality.words(varied), 50) > 0.7);
    assertTrue(variedScore >= 4.8, "a varied answer loses little: " + variedScore);
    assertTrue(sameyScore < variedScore - 0.5, "a monotonous answer scores lower: " + sameyScore);
    assertEquals(1.0, HeuristicQuality.movingTypeTokenRatio(java.util.List.of("a", "b", "c", "d"), 2));
    assertEquals(0.5, HeuristicQuality.movingTypeTokenRatio(java.util.List.of("a", "a", "a", "a"), 2));
  }

  @Test
  void deterministicAndThreadSafe() throws Exception {
    String[] answers = {GOOD, "", PROMPT, "x\nx\nx\nx", "42"};
    org.treasuremarkers.core.annotate.ThreadSafety.assertSameResults(answers.length * 40, i -> HeuristicQuality.score(PROMPT, answers[i % answers.length], "English"));
  }
}
