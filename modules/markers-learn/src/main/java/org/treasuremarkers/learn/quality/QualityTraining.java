package org.treasuremarkers.learn.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.treasuremarkers.core.quality.QualityFeatures;
import org.treasuremarkers.core.quality.QualityModel;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;
import org.treasuremarkers.learn.provenance.ModelProvenance;

/**
 * Retrains the shipped quality model: reads the judged pairs of {@code DATASETS/alpacaeval-prefs}, evaluates by
 * leaving generators (and instructions) out ({@link LeaveModelsOut}), fits the final model on every pair, and writes
 * the model folder: quality-model.json, provenance.json, eval.json and README.md (with the agreement table).
 */
public final class QualityTraining {
  public static final String MODEL_FILE = "quality-model.json";
  public static final String LICENCE = "Apache-2.0 (alpacaeval-prefs/LICENSE)";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * @param datasets the folder holding alpacaeval-prefs/ (../shared/datasets)
   * @param output the model folder to (re)write (models/quality/v1)
   */
  public record Options(Path datasets, Path output, int folds, long seed, double l2) {
    public static Options defaults(Path datasets, Path output) {
      return new Options(datasets, output, 5, 14L, 300.0);
    }
  }

  /** What a run produced: the model, eval.json's content and the README table. */
  public record Outcome(QualityModel model, ObjectNode eval, String table, int pairs) {}

  private QualityTraining() {}

  public static Outcome run(Options o) {
    AlpacaEvalPrefs.Result data = AlpacaEvalPrefs.read(o.datasets().resolve(AlpacaEvalPrefs.FOLDER));
    List<LeaveModelsOut.Fold> folds = new LeaveModelsOut(o.folds(), o.seed(), o.l2()).evaluate(data.pairs());
    List<LeaveModelsOut.Fold> seen = new LeaveModelsOut(o.folds(), o.seed(), o.l2(), false).evaluate(data.pairs());
    QualityModel model = new QualityTrainer(o.l2()).fit(data.pairs());
    ObjectNode eval = EvalReport.json(folds, seen);
    String table = EvalReport.table(folds);

    ModelProvenance provenance = new ModelProvenance("quality", "1", TaxonomyLoader.loadDefault().version());
    data.rowsByFile().forEach((file, rows) -> provenance.source(o.datasets(), file, LICENCE, rows));
    ObjectNode params = provenance.parameters();
    params.put("model", "Bradley-Terry (logistic on standardised feature differences, no intercept), Newton's method");
    params.put("l2", o.l2());
    params.put("folds", o.folds());
    params.put("seed", o.seed());
    params.put("features", QualityFeatures.NAMES.size());
    params.put("pairs", data.pairs().size());
    params.put("ties_dropped", data.dropped().values().stream().mapToInt(Integer::intValue).sum());
    params.put("quality_map", "5 * sigmoid((s - score_mean) / score_scale)");
    provenance.metrics().setAll((ObjectNode) eval.get("mean_over_folds"));

    write(o.output().resolve(MODEL_FILE), model.toJson());
    provenance.write(o.output().resolve("provenance.json"));
    try {
      write(o.output().resolve("eval.json"), JSON.writeValueAsString(eval) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    write(o.output().resolve("README.md"), QualityModelReadme.text(table, data.pairs().size(),
        eval.at("/without_instruction_split/mean_over_folds"), o));
    return new Outcome(model, eval, table, data.pairs().size());
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
