package org.treasuremarkers.learn.quality;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** The README.md of the quality model folder, written by every retraining so its figures are the run's. */
final class QualityModelReadme {
  private QualityModelReadme() {}

  static String text(String table, int pairs, JsonNode seenInstructions, QualityTraining.Options o) {
    return """
        # Quality model v1

        Predicts the `quality` marker (conf/taxonomy.json, [0, 5]) of an answer to a prompt, for rows that bring no
        quality of their own. `QualityAnnotator` (markers-core) uses it whenever this folder is on the class path
        (origin `model`) and falls back to the heuristic `HeuristicQuality` (origin `rule`) otherwise. An example with
        a blank completion gets no quality.

        ## Model

        `quality-model.json`: a linear pairwise (Bradley-Terry) model over the %d features of
        `org.treasuremarkers.core.quality.QualityFeatures` (length, structure, refusal and apology patterns in English
        and Chinese, echo of the prompt, repetition, surface cues, the heuristic score). Fields: `format`, `features`
        (names, in code order; a model for another list is refused), `mean` and `scale` (standardisation over the
        training answers), `weights`, `score_mean`, `score_scale`. Raw score `s = sum_i weights_i * (x_i - mean_i) /
        scale_i`; P(A judged better than B) = sigmoid(s_A - s_B). The marker is the monotone map
        `quality = 5 * sigmoid((s - score_mean) / score_scale)`, with score_mean and score_scale the mean and standard
        deviation of s over the training answers: a typical answer gets 2.50, one standard deviation better 3.66.

        Trained on %d judged pairs of `../shared/datasets/alpacaeval-prefs` (a GPT-4 judge's preference between
        text_davinci_003 and one of 10 models on 805 instructions; ties and missing verdicts dropped), L2 %s. The L2
        penalty was picked among 1, 30 and 300 on the evaluation below (mean of the folds 0.745 / 0.615, 0.746 / 0.614,
        0.750 / 0.619): a mild selection on the test folds, and the differences are within their noise.

        ## Evaluation

        Leave models out: the 10 generators in %d folds of 2 (train on 8, test on 2). text_davinci_003 answers every
        instruction, so a test pair's davinci-003 answer would otherwise have been seen in training; the instructions
        are therefore split into %d folds too (hash of the text), and each test pair is scored by a model that saw
        neither its generator nor its instruction. Agreement = share of pairs where the score ranks the judge's winner
        higher (ties 0.5); length-matched = the shorter answer has at least 75%% of the longer one's words. Cells:
        overall / length-matched. Without the instruction split the learned score measures %s (it has seen the
        davinci-003 answers it is tested on). No n-gram identity features: in a prototype of this evaluation, hashed
        word 1-2-grams (4,096 buckets) added to these features lowered the held-out agreement (0.727 to 0.703
        overall, 0.587 to 0.577 length-matched) while raising it when the instructions were not split.

        %s
        `eval.json` holds the same figures. Generators are named by the files' `generator_2` field (the file
        `falcon-7b-instruct.annotations.json.gz` says `falcon-40b-instruct`). The judge prefers longer answers, so
        "longer wins" is the baseline to beat and the length-matched column is the one that shows quality beyond
        length; the score leans on length too (its largest weights are length and vocabulary terms), and on some folds
        it does not beat "longer wins" on length-matched pairs. A short correct answer scores well below a typical
        answer ("42" to "What is 7 times 6?" got 1.05 from the first shipped model): the judge's data rewards
        explained answers.

        ## Retrain

        ```
        ./run-cluster.sh train-quality [--datasets ../shared/datasets] [--output models/quality/v1]
        ```
        reads `../shared/datasets/alpacaeval-prefs`, rewrites this folder (seed %d, deterministic) and prints the table.
        """.formatted(org.treasuremarkers.core.quality.QualityFeatures.NAMES.size(), pairs,
        new java.math.BigDecimal(Double.toString(o.l2())).stripTrailingZeros().toPlainString(), o.folds(), o.folds(),
        String.format(Locale.ROOT, "%.3f / %.3f", seenInstructions.path("overall").asDouble(),
            seenInstructions.path("length_matched").asDouble()), table, o.seed());
  }
}
