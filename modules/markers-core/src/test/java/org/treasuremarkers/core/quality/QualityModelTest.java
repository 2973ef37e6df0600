package org.treasuremarkers.core.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QualityModelTest {
  private static final String PROMPT = "Give me three tips for improving my sleep.";
  private static final String ANSWER = "Here are three tips that help most people sleep better:\n\n"
      + "1. Keep a regular schedule: go to bed and get up at the same time every day, weekends included.\n"
      + "2. Make the bedroom dark, quiet and cool, and keep screens out of it for the last hour before sleep.\n"
      + "3. Avoid caffeine after lunch and heavy meals late in the evening, since both keep the body alert.\n\n"
      + "If poor sleep lasts for weeks despite these changes, it is worth talking to a doctor.";
  private static final String REFUSAL = "I'm sorry, but as an AI language model I cannot give advice about sleep. "
      + "Please consult a qualified professional who can help you with your situation.";
  private static final String ZH_PROMPT = "请给我三个改善睡眠的建议。";
  private static final String ZH_ANSWER = "以下是三个改善睡眠的建议：\n1. 保持规律的作息时间，每天同一时间上床和起床。\n"
      + "2. 睡前一小时不要看手机，让卧室保持黑暗、安静和凉爽。\n3. 下午以后避免喝咖啡和浓茶，晚上不要吃得太饱。";
  private static final String ZH_REFUSAL = "抱歉，作为一个人工智能，我无法提供这方面的建议，请咨询专业医生。";

  private static QualityModel shipped() {
    return ShippedQualityModel.get().orElseThrow(() -> new AssertionError(
        "models/quality/v1/quality-model.json is not on the class path; markers-core packages models/"));
  }

  @Test
  void aRefusalOrAnEchoScoresLowerThanARealAnswer() {
    QualityModel model = shipped();
    double real = model.quality(PROMPT, ANSWER);
    assertTrue(model.quality(PROMPT, REFUSAL) < real, "refusal " + model.quality(PROMPT, REFUSAL) + " vs " + real);
    assertTrue(model.quality(PROMPT, PROMPT) < real, "echo " + model.quality(PROMPT, PROMPT) + " vs " + real);
    String echoAndLittle = PROMPT + " " + PROMPT;
    assertTrue(model.quality(PROMPT, echoAndLittle) < real, "the prompt twice: " + model.quality(PROMPT, echoAndLittle));
    double zh = model.quality(ZH_PROMPT, ZH_ANSWER);
    assertTrue(model.quality(ZH_PROMPT, ZH_REFUSAL) < zh, "Chinese refusal " + model.quality(ZH_PROMPT, ZH_REFUSAL)
        + " vs " + zh);
  }

  @Test
  void qualityIsAMonotoneMapOfTheRawScoreIntoZeroToFive() {
    QualityModel model = shipped();
    double previous = -1;
    for (double s = -40; s <= 40; s += 0.5) {
      double q = model.toQuality(s);
      assertTrue(q >= 0 && q <= 5, "quality " + q);
      assertTrue(q >= previous, "monotone at " + s);
      previous = q;
    }
    assertEquals(2.5, new QualityModel(ones(0), ones(1), ones(0), 3, 2).toQuality(3), 1e-12, "score_mean maps to 2.5");
  }

  @Test
  void theFileRoundTripsAndAModelForOtherFeaturesIsRefused() {
    QualityModel model = shipped();
    String json = model.toJson();
    QualityModel again = QualityModel.fromJson("test", json.getBytes(StandardCharsets.UTF_8));
    assertArrayEquals(model.weights(), again.weights());
    assertEquals(model.quality(PROMPT, ANSWER), again.quality(PROMPT, ANSWER));
    String renamed = json.replace("\"log_words\"", "\"log_tokens\"");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> QualityModel.fromJson("renamed", renamed.getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("train-quality"), e.getMessage());
  }

  @Test
  void featuresSeeStructureRefusalsAndEchoes() {
    double[] answer = QualityFeatures.of(PROMPT, ANSWER);
    double[] refusal = QualityFeatures.of(PROMPT, REFUSAL);
    double[] echo = QualityFeatures.of(PROMPT, PROMPT);
    assertEquals(QualityFeatures.NAMES.size(), answer.length);
    assertEquals(1.0, answer[index("has_list")]);
    assertEquals(1.0, answer[index("list_when_asked")], "the prompt asks for tips");
    assertEquals(1.0, refusal[index("refusal_opening")]);
    assertEquals(0.0, answer[index("refusal_opening")]);
    assertEquals(1.0, QualityFeatures.of(ZH_PROMPT, ZH_REFUSAL)[index("refusal_opening")]);
    assertEquals(1.0, echo[index("exact_echo")]);
    assertEquals(1.0, echo[index("prompt_coverage")]);
    assertTrue(answer[index("log_sentences")] > refusal[index("log_sentences")]);
  }

  private static int index(String name) {
    return QualityFeatures.NAMES.indexOf(name);
  }

  private static double[] ones(double v) {
    double[] a = new double[QualityFeatures.NAMES.size()];
    java.util.Arrays.fill(a, v == 0 ? 0 : v);
    return a;
  }
}
