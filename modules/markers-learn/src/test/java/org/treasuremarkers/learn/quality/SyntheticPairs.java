package org.treasuremarkers.learn.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Judged pairs where the judge prefers the answer that is a real explanation over a refusal or a one-word reply,
 * whatever its length, from 10 generators on {@code instructions} instructions. Seeded.
 */
final class SyntheticPairs {
  private SyntheticPairs() {}

  static List<JudgedPair> make(int instructions, long seed) {
    Random random = new Random(seed);
    String[] topics = {"rain", "tides", "volcanoes", "bread", "magnets", "bees", "glaciers", "rust", "wind", "salt"};
    List<JudgedPair> pairs = new ArrayList<>();
    for (int i = 0; i < instructions; i++) {
      String topic = topics[i % topics.length] + " " + i;
      String instruction = "Explain how " + topic + " works, with an example.";
      String good = "Here is how " + topic + " works. It follows from a simple cause and effect. "
          + "For example, when conditions change, the process speeds up. In summary, the effect is predictable.";
      for (int g = 0; g < 10; g++) {
        String bad = random.nextBoolean() ? "I'm sorry, but as an AI I cannot explain " + topic + "."
            : "No idea.";
        boolean davinciGood = random.nextBoolean();
        pairs.add(new JudgedPair(instruction, davinciGood ? good : bad, davinciGood ? bad : good + " Hope it helps.",
            "text_davinci_003", "model-" + g, !davinciGood));
      }
    }
    return pairs;
  }
}
