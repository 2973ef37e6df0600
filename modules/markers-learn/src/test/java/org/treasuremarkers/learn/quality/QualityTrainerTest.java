package org.treasuremarkers.learn.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.treasuremarkers.core.quality.QualityModel;

class QualityTrainerTest {

  @Test
  void learnsToPreferTheJudgedWinnerOnUnseenInstructions() {
    List<JudgedPair> train = SyntheticPairs.make(30, 1);
    QualityModel model = new QualityTrainer(1.0).fit(train);
    String prompt = "Explain how clouds form, with an example.";
    String answer = "Clouds form when moist air rises and cools. For example, on a warm afternoon the air over a field"
        + " climbs, its water vapour condenses on dust, and a cumulus cloud appears. In summary, cooling makes clouds.";
    assertTrue(model.quality(prompt, answer) > model.quality(prompt, "I'm sorry, but as an AI I cannot explain clouds."));
    assertTrue(model.quality(prompt, answer) > model.quality(prompt, "No idea."));
  }

  @Test
  void theScoreMapCentresTheTrainingAnswersAndTheFitIsDeterministic() {
    List<JudgedPair> pairs = SyntheticPairs.make(20, 2);
    QualityModel a = new QualityTrainer(1.0).fit(pairs);
    QualityModel b = new QualityTrainer(1.0).fit(pairs);
    assertArrayEquals(a.weights(), b.weights());
    Set<String> seen = new HashSet<>();
    double sum = 0;
    for (JudgedPair p : pairs) {
      for (String answer : List.of(p.output1(), p.output2())) {
        if (seen.add(p.instruction() + '\0' + answer)) {
          sum += Math.log(a.quality(p.instruction(), answer) / (5 - a.quality(p.instruction(), answer)));
        }
      }
    }
    assertEquals(0, sum / seen.size(), 1e-6, "logit(quality / 5) averages 0 over the training answers");
  }

  @Test
  void leaveModelsOutScoresEveryPairOnceWithDisjointTestGenerators() {
    List<JudgedPair> pairs = SyntheticPairs.make(25, 3);
    List<LeaveModelsOut.Fold> folds = new LeaveModelsOut(5, 14, 1.0).evaluate(pairs);
    assertEquals(5, folds.size());
    Set<String> generators = new HashSet<>();
    long scored = 0;
    for (LeaveModelsOut.Fold f : folds) {
      assertEquals(2, f.testGenerators().size());
      f.testGenerators().forEach(g -> assertTrue(generators.add(g), g + " in two folds"));
      scored += f.model().pairs();
      assertTrue(f.model().overall() > 0.9, "an easy judge is learned: " + f.model().overall());
    }
    assertEquals(10, generators.size());
    assertEquals(pairs.size(), scored, "each pair is scored once, by the model of its (generator, instruction) fold");
    assertTrue(LeaveModelsOut.isLengthMatched(75, 100) && !LeaveModelsOut.isLengthMatched(74, 100));
  }

  @Test
  void agreementCountsTiesAsHalf() {
    Agreement a = new Agreement();
    a.add(1, true, true);
    a.add(-1, true, false);
    a.add(0, false, true);
    assertEquals(0.5, a.overall(), 1e-12);
    assertEquals(0.75, a.lengthMatched(), 1e-12);
    assertEquals(2, a.lengthMatchedPairs());
  }
}
