package org.treasuremarkers.learn.quality;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.treasuremarkers.core.quality.HeuristicQuality;
import org.treasuremarkers.core.quality.QualityModel;
import org.treasuremarkers.learn.provenance.Sha256;

/**
 * Leave-models-out evaluation of the learned score against the heuristic and "longer wins". The generators
 * (generator_2) are shuffled with the seed and dealt into {@code folds} folds (10 generators, 5 folds: train on 8,
 * test on 2). The instructions are dealt into the same number of folds by a hash of their text. Every pair is
 * scored by a model that saw neither its generator nor its instruction: fold (g, i) trains on the pairs of other
 * generators and other instructions, and tests on the pairs of generators g and instructions i. text_davinci_003
 * answers every instruction, so without the instruction split a test pair's davinci-003 answer would have been
 * seen in training (in 8 pairs); with it, the test pairs' both answers are unseen text.
 *
 * <p>Length-matched pairs: the shorter answer has at least {@value #LENGTH_MATCH} of the longer one's words.
 */
public final class LeaveModelsOut {
  public static final double LENGTH_MATCH = 0.75;

  /** One generator fold: its test generators and the three scorers' agreement on their pairs. */
  public record Fold(List<String> testGenerators, Agreement model, Agreement heuristic, Agreement longer) {}

  private final int folds;
  private final long seed;
  private final double l2;
  private final boolean splitInstructions;

  /** The protocol above. */
  public LeaveModelsOut(int folds, long seed, double l2) {
    this(folds, seed, l2, true);
  }

  /**
   * @param splitInstructions false only to measure what the instruction split guards against: test generators'
   *     pairs are then scored by a model trained on every instruction (their davinci-003 answers seen)
   */
  public LeaveModelsOut(int folds, long seed, double l2, boolean splitInstructions) {
    if (folds < 2) {
      throw new IllegalArgumentException("at least 2 folds: " + folds);
    }
    this.folds = folds;
    this.seed = seed;
    this.l2 = l2;
    this.splitInstructions = splitInstructions;
  }

  public List<Fold> evaluate(List<JudgedPair> pairs) {
    List<String> generators = new ArrayList<>(new TreeSet<>(pairs.stream().map(JudgedPair::generator2).toList()));
    if (generators.size() < folds) {
      throw new IllegalArgumentException(generators.size() + " generators cannot fill " + folds + " folds");
    }
    Collections.shuffle(generators, new Random(seed));
    AnswerFeatures features = new AnswerFeatures();
    List<Fold> out = new ArrayList<>();
    for (int g = 0; g < folds; g++) {
      List<String> test = new ArrayList<>();
      for (int k = g; k < generators.size(); k += folds) {
        test.add(generators.get(k));
      }
      Fold fold = new Fold(List.copyOf(test), new Agreement(), new Agreement(), new Agreement());
      for (int i = 0; i < (splitInstructions ? folds : 1); i++) {
        List<JudgedPair> train = new ArrayList<>();
        List<JudgedPair> held = new ArrayList<>();
        for (JudgedPair p : pairs) {
          boolean testGenerator = test.contains(p.generator2());
          boolean testInstruction = !splitInstructions || instructionFold(p.instruction()) == i;
          if (!testGenerator && (!testInstruction || !splitInstructions)) {
            train.add(p);
          } else if (testGenerator && testInstruction) {
            held.add(p);
          }
        }
        QualityModel model = new QualityTrainer(l2, features).fit(train);
        for (JudgedPair p : held) {
          score(fold, model, features, p);
        }
      }
      out.add(fold);
    }
    return out;
  }

  private static void score(Fold fold, QualityModel model, AnswerFeatures features, JudgedPair p) {
    int words1 = HeuristicQuality.words(p.output1()).size();
    int words2 = HeuristicQuality.words(p.output2()).size();
    boolean matched = isLengthMatched(words1, words2);
    double s1 = model.rawScore(features.of(p.instruction(), p.output1()));
    double s2 = model.rawScore(features.of(p.instruction(), p.output2()));
    fold.model().add(s2 - s1, p.secondBetter(), matched);
    // the heuristic as the annotator runs it on English answers (its stop-word check is English only)
    fold.heuristic().add(HeuristicQuality.score(p.instruction(), p.output2(), "English")
        - HeuristicQuality.score(p.instruction(), p.output1(), "English"), p.secondBetter(), matched);
    fold.longer().add(words2 - words1, p.secondBetter(), matched);
  }

  static boolean isLengthMatched(int words1, int words2) {
    int longer = Math.max(words1, words2);
    return longer > 0 && Math.min(words1, words2) >= LENGTH_MATCH * longer;
  }

  int instructionFold(String instruction) {
    String hash = Sha256.of(instruction.getBytes(StandardCharsets.UTF_8));
    return (int) (Long.parseLong(hash.substring(0, 8), 16) % folds);
  }
}
